/**
 * `npm run bench:web`: the console's budget (issue 4, Engineering). Builds the console, sums the gzipped size of the
 * JavaScript `dist/index.html` loads, then starts a real Papo in sandbox mode in this process (loopback only), seeds
 * 10,000 conversations and one of 5,000 messages straight through the server's repositories, and drives Debian's
 * Chromium through playwright-core: first inbox paint (median of 5 loads), long frames while scrolling the
 * conversation list after loading 3,000 rows by scrolling, opening the 5,000-message conversation, and long frames
 * while scrolling its history. A report, not a test: it prints the figures and exits 0.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import pino from "pino";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../../e2e/support/browser.ts";
import { parseConfig } from "../../server/src/config.ts";
import { createContactsRepo } from "../../server/src/modules/contacts/repo.ts";
import { createConversationsRepo } from "../../server/src/modules/conversations/repo.ts";
import { createMessagesRepo } from "../../server/src/modules/messages/repo.ts";
import { type Papo, startPapo } from "../../server/src/runtime.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DIST = join(ROOT, "apps/web/dist");
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const LONG_HISTORY = 5_000;
/** Conversations loaded into the list (by scrolling, 100 a page) before its scroll is timed. */
const LIST_ROWS = Number(process.env.BENCH_LIST_ROWS ?? 3_000);
const LOADS = 5;
const BUDGET = { initialJsKb: 250, firstPaintMs: 1_000 };
const ADMIN = { email: "admin@papo.bench", password: "bench-horse-battery-staple" };

const ms = (n: number) => `${Math.round(n)} ms`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const log = (line: string) => process.stdout.write(`${line}\n`);

function initialJavaScript(): { files: string[]; gzipBytes: number; rawBytes: number } {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const refs = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) if (match[1]) refs.add(match[1]);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) if (match[1]) refs.add(match[1]);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const ref of refs) {
    const body = readFileSync(join(DIST, ref.replace(/^\//, "")));
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files: [...refs], gzipBytes, rawBytes };
}

/** 10,000 conversations (one inbound message each would double the time: the list shows them without a preview) and one long one. */
const texts = (i: number) =>
  i % 7 === 0 ? `mensagem ${i}: uma linha mais longa para que algumas bolhas quebrem em duas ou três linhas na tela` : `mensagem ${i}`;

async function seed(papo: Papo): Promise<{ longId: string; newestText: string }> {
  const sandbox = papo.sandbox;
  if (!sandbox) throw new Error("Papo started without its sandbox");
  const { db } = papo.deps.database;
  const { cipher } = papo.deps;
  const ws = sandbox.channel.workspaceId;
  const channelId = sandbox.channel.id;
  const start = Date.now() - CONVERSATIONS * 60_000;
  const BATCH = 500;
  for (let from = 0; from < CONVERSATIONS; from += BATCH) {
    await db.transaction(async (tx) => {
      const contacts = createContactsRepo({ db: tx, cipher });
      const conversations = createConversationsRepo({ db: tx });
      for (let i = from; i < Math.min(from + BATCH, CONVERSATIONS); i += 1) {
        const waId = `55119${String(i).padStart(8, "0")}`;
        const contact = await contacts.insert(ws, { name: `Cliente ${i}`, phone: `+${waId}`, waId });
        await conversations.openOrReuse(ws, channelId, contact.id, new Date(start + i * 60_000));
      }
    });
  }
  const newestText = `mensagem ${LONG_HISTORY - 1}`;
  const longId = await db.transaction(async (tx) => {
    const contacts = createContactsRepo({ db: tx, cipher });
    const conversations = createConversationsRepo({ db: tx });
    const messages = createMessagesRepo({ db: tx, cipher });
    const contact = await contacts.insert(ws, { name: "Histórico Longo", phone: "+5511999999999", waId: "5511999999999" });
    const historyStart = Date.now() - LONG_HISTORY * 60_000;
    const { conversation } = await conversations.openOrReuse(ws, channelId, contact.id, new Date(historyStart));
    for (let i = 0; i < LONG_HISTORY; i += 1) {
      const at = new Date(historyStart + i * 60_000);
      const inbound = i % 3 !== 2;
      await messages.insertUnlessDuplicate({
        workspaceId: ws,
        channelId,
        conversationId: conversation.id,
        contactId: contact.id,
        direction: inbound ? "inbound" : "outbound",
        type: "text",
        senderKind: inbound ? "contact" : "agent",
        text: texts(i),
        // Stored documents as the webhook ingest (inbound) and the send service (outbound) write them.
        content: inbound ? { content: { type: "text", body: texts(i) } } : { request: { type: "text", body: texts(i) } },
        status: inbound ? "received" : "read",
        waMessageId: `wamid.bench.${i}`,
        createdAt: at,
      });
    }
    await conversations.recordInbound(ws, conversation.id, new Date(historyStart + LONG_HISTORY * 60_000));
    return conversation.id;
  });
  return { longId, newestText };
}

async function login(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.fill('input[type="email"]', ADMIN.email);
  await page.fill('input[type="password"]', ADMIN.password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('[id^="conversation-item-"]', { timeout: 30_000 });
}

/** Navigation start → the first conversation row in the DOM, stamped in the page by a MutationObserver. */
async function firstInboxPaint(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForSelector('[id^="conversation-item-"]', { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { __firstRow?: number }).__firstRow ?? Number.NaN);
}

async function main(): Promise<void> {
  const began = Date.now();
  log("building the console (npm run build -w @papo/web)…");
  execFileSync("npm", ["run", "build", "-w", "@papo/web"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const js = initialJavaScript();
  const jsKb = js.gzipBytes / 1024;
  log(`initial JavaScript: ${jsKb.toFixed(1)} KB gzipped (${(js.rawBytes / 1024).toFixed(1)} KB raw, ${js.files.length} file(s))`);

  const dataDir = mkdtempSync(join(tmpdir(), "papo-bench-web-"));
  let papo: Papo | undefined;
  let browser: Browser | undefined;
  const figures: Record<string, string> = {};
  try {
    const config = parseConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      SANDBOX_SIM_PORT: "0",
      DATA_DIR: dataDir,
      PAPO_MASTER_KEY: randomBytes(32).toString("hex"),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PAPO_SANDBOX: "1",
      LOG_LEVEL: "error",
    });
    papo = await startPapo(config, { log: pino({ level: process.env.BENCH_LOG ?? "silent" }), workers: false });
    const seedStart = Date.now();
    const { longId, newestText } = await seed(papo);
    log(`seeded ${CONVERSATIONS} conversations + 1 of ${LONG_HISTORY} messages in ${ms(Date.now() - seedStart)}`);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    // A string, not a function: tsx's keepNames helpers do not exist in the page.
    await context.addInitScript(`(() => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[id^="conversation-item-"]')) {
          window.__firstRow = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    })();`);
    const page = await context.newPage();
    await login(page, papo.url);

    const paints: number[] = [];
    for (let i = 0; i < LOADS; i += 1) paints.push(await firstInboxPaint(page, papo.url));
    figures.paint = `${ms(median(paints))} (loads: ${paints.map((p) => Math.round(p)).join(", ")} ms)`;
    log(`first inbox paint, median of ${LOADS}: ${figures.paint}`);

    // The conversation list: scrolling down loads pages of 100 on its own; load LIST_ROWS, then time a full scroll.
    const listPanel = page.getByRole("tabpanel");
    const listUntil = Date.now() + 45_000;
    const setSize = async () => Number((await page.locator('[role="tabpanel"] li').first().getAttribute("aria-setsize")) ?? 0);
    while ((await setSize()) < LIST_ROWS && Date.now() < listUntil) {
      await listPanel.evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await page.waitForTimeout(80);
    }
    const listRows = await setSize();
    const listScroll = (await page.evaluate(`new Promise((resolve) => {
      const el = document.querySelector('[role="tabpanel"]');
      el.scrollTop = 0;
      const gaps = [];
      let last = performance.now();
      let maxRows = 0;
      const step = (now) => {
        gaps.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, el.querySelectorAll("li").length);
        const before = el.scrollTop;
        el.scrollTop = before + 240;
        if (el.scrollTop > before && el.scrollTop + el.clientHeight < el.scrollHeight - 1 && gaps.length < 2000) requestAnimationFrame(step);
        else resolve({ frames: gaps.length, long: gaps.filter((g) => g > 50).length, worst: Math.max(...gaps), rows: maxRows });
      };
      requestAnimationFrame(step);
    })`)) as { frames: number; long: number; worst: number; rows: number };
    figures.list = `${listRows} rows loaded by scrolling; ${listScroll.frames} frames, ${listScroll.long} over 50 ms (worst ${Math.round(listScroll.worst)} ms), at most ${listScroll.rows} rows in the DOM`;
    log(`scroll the conversation list top → bottom: ${figures.list}`);

    // Open the long conversation from the inbox and wait for its newest message.
    const openStart = Date.now();
    await page.evaluate((id) => {
      window.location.hash = `#/c/${id}`;
    }, longId);
    await page
      .getByText(newestText, { exact: true })
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: "/tmp/bench-web-fail.png" });
        const seen = (await page.getByRole("log").textContent()) ?? "";
        throw new Error(`${String(error)}\npage text: ${seen.slice(0, 600)}`);
      });
    const openMs = Date.now() - openStart;
    figures.open = ms(openMs);
    log(`open the ${LONG_HISTORY}-message conversation → newest message visible: ${figures.open}`);

    // Load the whole history the way an agent does (scrolling to the top loads older pages), bounded in time.
    let pages = 1;
    page.on("response", (response) => {
      if (response.url().includes(`/conversations/${longId}/messages`) && response.url().includes("cursor=")) pages += 1;
    });
    const log$ = page.getByRole("log");
    const loadUntil = Date.now() + 45_000;
    while (pages * 50 < LONG_HISTORY && Date.now() < loadUntil) {
      await log$.evaluate((el) => {
        el.scrollTop = 0;
      });
      await page.waitForTimeout(60);
    }
    const loaded = Math.min(pages * 50, LONG_HISTORY);
    figures.loaded = `${loaded} messages loaded by scrolling up (${pages} pages of 50)`;
    log(figures.loaded);
    await page.waitForTimeout(300);

    // Top to bottom, 120 px per animation frame, timing every frame.
    // A string, not a function, for the same reason as the init script.
    const scroll = (await page.evaluate(`new Promise((resolve) => {
      const el = document.querySelector('[role="log"]');
      el.scrollTop = 0;
      const gaps = [];
      let last = performance.now();
      let maxRows = 0;
      const step = (now) => {
        gaps.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, el.querySelectorAll("[data-message-id]").length);
        const before = el.scrollTop;
        el.scrollTop = before + 120;
        if (el.scrollTop > before && el.scrollTop + el.clientHeight < el.scrollHeight - 1) requestAnimationFrame(step);
        else resolve({ frames: gaps.length, long: gaps.filter((g) => g > 50).length, worst: Math.max(...gaps), rows: maxRows });
      };
      requestAnimationFrame(step);
    })`)) as { frames: number; long: number; worst: number; rows: number };
    figures.scroll = `${scroll.frames} frames, ${scroll.long} over 50 ms (worst ${Math.round(scroll.worst)} ms), at most ${scroll.rows} bubbles in the DOM`;
    log(`scroll the history top → bottom: ${figures.scroll}`);
  } finally {
    await browser?.close().catch(() => {});
    await papo?.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }

  log("");
  log("| figure | measured | budget |");
  log("|---|---|---|");
  log(`| initial JavaScript (gzip) | ${jsKb.toFixed(1)} KB | ≤ ${BUDGET.initialJsKb} KB |`);
  log(`| first inbox paint (median of ${LOADS}) | ${figures.paint ?? "n/a"} | ≤ ${BUDGET.firstPaintMs} ms |`);
  log(`| open ${LONG_HISTORY}-message conversation | ${figures.open ?? "n/a"} | smooth (virtualised) |`);
  log(`| history scroll | ${figures.scroll ?? "n/a"} | no frames over 50 ms |`);
  log(`| conversation list scroll | ${figures.list ?? "n/a"} | no frames over 50 ms |`);
  log(`total ${ms(Date.now() - began)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:web failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
