import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, eventually, startTestPapo, type TestPapo } from "../apps/server/src/testing/papo.test-utils.ts";
import { chromiumAvailable, consoleBuilt, launchChromium, signInToConsole } from "./support/browser.ts";
import { REPO_ROOT } from "./support/papo-process.ts";

/**
 * Classic XSS payloads: script and event-handler tags, SVG/MathML mutation tricks, javascript:/data: URLs (also
 * inside Markdown and WhatsApp formatting, which a renderer might turn into links or HTML), template injection,
 * entity-encoded and mixed-case handlers, a polyglot, and CSS/meta/base tricks. Each calls alert(<its number>).
 */
const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(2)>",
  "<svg onload=alert(3)>",
  "<svg><script>alert(4)</script></svg>",
  '"><script>alert(5)</script>',
  "'><img src=x onerror=alert(6)>",
  '<iframe src="javascript:alert(7)"></iframe>',
  '<a href="javascript:alert(8)">clique aqui</a>',
  "[clique aqui](javascript:alert(9))",
  "javascript:alert(10)",
  "<body onload=alert(11)>",
  "<details open ontoggle=alert(12)>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(13)>",
  '<object data="javascript:alert(14)"></object>',
  '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxNSk8L3NjcmlwdD4=">',
  "<input autofocus onfocus=alert(16)>",
  "<video><source onerror=alert(17)></video>",
  '<div style="background:url(javascript:alert(18))">x</div>',
  "{{constructor.constructor('alert(19)')()}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is this literal text, a template injection probe.
  "${alert(20)}",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(21)">',
  '<base href="javascript:alert(22)//">',
  '<form action="javascript:alert(23)"><button>ok</button></form>',
  "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert(24) )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert(24)//>\\x3e",
  '<a href="data:text/html,<script>alert(25)</script>">x</a>',
  "*<img src=x onerror=alert(26)>*",
  "_<svg/onload=alert(27)>_",
  "```<img src=x onerror=alert(28)>```",
  "~<script>alert(29)</script>~",
  'https://example.com/"><img src=x onerror=alert(30)>',
  '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(31)">',
  "<style>@import 'javascript:alert(32)';</style>",
  '<a href=" &#14;javascript:alert(33)">x</a>',
  "<IMG SRC=JaVaScRiPt:alert(34)>",
];

/**
 * Everything in the page that would mean a payload became markup: event-handler attributes, script/frame/plugin
 * elements the console does not make, and javascript:/vbscript:/data:text/html URLs in any URL attribute.
 * (A string, evaluated in the page: the tests' TypeScript has no DOM types.)
 */
const FIND_INJECTED = `(() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(el.tagName + "[" + name + "]");
      if (["href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster", "background"].includes(name) &&
          (value.startsWith("javascript:") || value.startsWith("vbscript:") || value.startsWith("data:text/html"))) {
        found.push(el.tagName + "[" + name + "=" + attr.value + "]");
      }
      if (name === "style" && /url\\(\\s*['"]?\\s*javascript:/i.test(attr.value)) found.push(el.tagName + "[style]");
    }
  }
  for (const el of document.querySelectorAll("iframe, object, embed, base, meta[http-equiv], form[action], math, details[ontoggle]")) {
    found.push(el.tagName.toLowerCase());
  }
  for (const el of document.querySelectorAll("script")) {
    if (!(el.getAttribute("src") || "").startsWith("/assets/")) found.push("script:" + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("img[src='x'], img[src='X'], svg[onload], input[autofocus]")) found.push(el.outerHTML.slice(0, 80));
  return found;
})()`;

type Conversation = { id: string; contact: { name: string | null; waId: string | null } | null };

// A simulated customer per payload writes it as text, as its name, a caption, a location, a reply title, a document's
// name and a contact card; the agent opens every conversation and its contact panel in real Chromium.
describe.skipIf(!chromiumAvailable || !consoleBuilt)("XSS payloads from customers, rendered in Chromium", () => {
  let t: TestPapo;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  const conversations: Array<{ id: string; index: number }> = [];

  const phoneOf = (index: number) => `55119888${String(index).padStart(5, "0")}`;

  beforeAll(async () => {
    t = await startTestPapo({ db: "pglite", overrides: { webDistDir: join(REPO_ROOT, "apps/web/dist") } });
    for (const [index, payload] of PAYLOADS.entries()) {
      const base = { from: phoneOf(index), name: payload };
      t.sim.sendAsCustomer({ ...base, type: "text", text: `texto-${index} ${payload}` });
      t.sim.sendAsCustomer({ ...base, type: "image", image: { caption: `legenda-${index} ${payload}` } });
      t.sim.sendAsCustomer({
        ...base,
        type: "location",
        location: {
          latitude: -23.55,
          longitude: -46.63,
          name: payload,
          address: `endereco-${index} ${payload}`,
          url: `javascript:alert(${index})`,
        },
      });
      t.sim.sendAsCustomer({ ...base, type: "interactive", interactive: { type: "button_reply", id: `b${index}`, title: payload } });
      t.sim.sendAsCustomer({ ...base, type: "document", document: { filename: payload, caption: `documento-${index}` } });
      t.sim.sendAsCustomer({
        ...base,
        type: "contacts",
        contacts: [{ name: { formatted_name: payload, first_name: payload }, phones: [{ phone: "+5511999990000", type: "CELL" }] }],
      });
    }
    const all = await eventually(
      async () => {
        const { body } = await t.api<{ data: Conversation[] }>("GET", "/api/v1/conversations?limit=200");
        return body.data.length >= PAYLOADS.length ? body.data : undefined;
      },
      "every customer's conversation",
      60_000,
    );
    for (const conversation of all) {
      const index = PAYLOADS.findIndex((_, i) => conversation.contact?.waId === phoneOf(i));
      if (index >= 0) conversations.push({ id: conversation.id, index });
    }
    // Every message of every conversation is stored (media included) before the browser looks.
    for (const { id } of conversations) {
      await eventually(
        async () => {
          const { body } = await t.api<{ data: unknown[] }>("GET", `/api/v1/conversations/${id}/messages?limit=50`);
          return body.data.length >= 6;
        },
        `the messages of conversation ${id}`,
        60_000,
      );
    }

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "pt-BR" });
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // Anything the CSP had to block means markup got into the page: count it as an injection too.
    await page.addInitScript(`window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));`);
    await signInToConsole(page, t.papo.url, ADMIN);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const injected = async (where: string): Promise<string[]> => {
    const found = (await page.evaluate(FIND_INJECTED)) as string[];
    const violations = (await page.evaluate("window.__violations")) as string[];
    return [...found, ...violations.map((v) => `CSP blocked ${v}`)].map((f) => `${where}: ${f}`);
  };

  it("when the inbox lists every payload as a name and a preview, nothing is injected", async () => {
    expect(conversations).toHaveLength(PAYLOADS.length);
    // The list is virtualised (only the rows in view are in the DOM) and its order depends on arrival times: scroll
    // it from top to bottom, checking every window of rows and collecting the names it showed.
    await page.locator('[id^="conversation-item-"]').first().waitFor({ timeout: 30_000 });
    const shown = new Set<string>();
    const findings: string[] = [];
    for (let step = 0; step < 200; step += 1) {
      await page.waitForTimeout(100);
      findings.push(...(await injected(`inbox, scroll step ${step}`)));
      const names = (await page.evaluate(
        `[...document.querySelectorAll('[id^="conversation-item-"] .truncate')].map((e) => e.textContent)`,
      )) as string[];
      for (const name of names) shown.add(name);
      const atEnd = (await page.evaluate(`(() => {
        const el = document.querySelector('[role="tabpanel"]');
        const before = el.scrollTop;
        el.scrollTop = before + el.clientHeight / 2;
        return el.scrollTop === before;
      })()`)) as boolean;
      if (atEnd) break;
    }
    expect(findings).toEqual([]);
    expect(PAYLOADS.filter((payload) => !shown.has(payload))).toEqual([]);
    expect(dialogs).toEqual([]);
    // The detector itself: markup put in the page on purpose is found, by its attributes and by the CSP's refusal.
    await page.evaluate(
      `document.body.insertAdjacentHTML("beforeend", '<img id="probe" src="x" onerror="void 0"><a id="probe-link" href="javascript:void 0">x</a>')`,
    );
    await expect.poll(async () => (await injected("probe")).length).toBeGreaterThanOrEqual(3);
    await page.evaluate(
      `document.getElementById("probe").remove(); document.getElementById("probe-link").remove(); window.__violations = [];`,
    );
    expect(await injected("inbox")).toEqual([]);
  });

  it("when the agent opens each conversation and its contact panel, every payload shows as text and none runs", async () => {
    const found: string[] = [];
    for (const { id, index } of conversations) {
      const payload = PAYLOADS[index] ?? "";
      await page.goto(`${t.papo.url}/#/c/${id}`);
      await page.getByText(`texto-${index}`, { exact: false }).first().waitFor({ timeout: 30_000 });
      await page.getByText(`legenda-${index}`, { exact: false }).first().waitFor();
      await page.getByText(`endereco-${index}`, { exact: false }).first().waitFor();
      await page.getByText(`documento-${index}`, { exact: false }).first().waitFor();
      // The contact panel stays open from one conversation to the next once opened.
      if ((await page.getByLabel("Nova etiqueta").count()) === 0) await page.getByRole("button", { name: "Detalhes do contato" }).click();
      await page.getByLabel("Nova etiqueta").waitFor();
      // The payload is on screen as the very characters the customer typed.
      expect(await page.getByText(payload, { exact: false }).count(), `payload ${index} as text`).toBeGreaterThan(0);
      found.push(...(await injected(`conversation ${index}`)));
    }
    expect(found).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
