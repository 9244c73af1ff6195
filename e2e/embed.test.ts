import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { SignJWT } from "jose";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPapo, type TestPapo } from "../apps/server/src/testing/papo.test-utils.ts";
import { chromiumAvailable, launchChromium } from "./support/browser.ts";
import { REPO_ROOT } from "./support/papo-process.ts";

// The console's build: apps/web/dist, or another folder (PAPO_WEB_DIST) built from the same sources.
const distDir = process.env.PAPO_WEB_DIST ?? join(REPO_ROOT, "apps/web/dist");
const consoleBuilt = existsSync(join(distDir, "index.html"));
if (process.env.PAPO_REQUIRE_CHROMIUM === "1" && !consoleBuilt) throw new Error("the console is not built: npm run build -w @papo/web");

const ISSUER = "https://crm.e2e.test";

/**
 * A CRM's page on its own port (another origin): it frames Papo's /embed with a token in the fragment, or without one
 * and answers the console's `papo:token-required` with a token its server signs (`/token`).
 */
async function startCrmHost(papoUrl: () => string, sign: () => Promise<string>, workspaceId: () => string) {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://host");
      if (url.pathname === "/token") {
        response.writeHead(200, { "content-type": "text/plain" });
        return response.end(await sign());
      }
      const src = `${papoUrl()}/embed?workspace=${workspaceId()}${url.searchParams.has("fragment") ? `#token=${await sign()}` : ""}`;
      const papoOrigin = new URL(papoUrl()).origin;
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!doctype html><html lang="pt-BR"><title>CRM</title><h1>CRM de teste</h1>
<iframe id="papo" title="Papo" src="${src}" style="width:1100px;height:700px;border:0"></iframe>
<script>
  window.papoMessages = [];
  window.addEventListener("message", async (event) => {
    if (event.origin !== ${JSON.stringify(papoOrigin)}) return;
    window.papoMessages.push(event.data);
    if (event.data && event.data.type === "papo:token-required" && event.data.reason === "no-token") {
      const token = await fetch("/token").then((r) => r.text());
      document.getElementById("papo").contentWindow.postMessage({ type: "papo:token", token }, ${JSON.stringify(papoOrigin)});
    }
  });
</script>`);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.skipIf(!chromiumAvailable || !consoleBuilt)("console embedded in a CRM page (Chromium)", () => {
  let t: TestPapo;
  let browser: Browser;
  let page: Page;
  let workspaceId: string;
  let secret: string;
  let crm: Awaited<ReturnType<typeof startCrmHost>>;
  let stranger: Awaited<ReturnType<typeof startCrmHost>>;
  const sign = () =>
    new SignJWT({ wid: workspaceId, email: `crm-${randomUUID()}@crm.e2e.test`, name: "Agente do CRM", role: "atendente" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(ISSUER)
      .setAudience("papo")
      .setSubject(`crm-user-${randomUUID()}`)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime("2m")
      .sign(new TextEncoder().encode(secret));

  beforeAll(async () => {
    t = await startTestPapo({ db: "pglite", overrides: { webDistDir: distDir } });
    workspaceId = (await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me")).body.workspaceId;
    crm = await startCrmHost(
      () => t.papo.url,
      sign,
      () => workspaceId,
    );
    stranger = await startCrmHost(
      () => t.papo.url,
      sign,
      () => workspaceId,
    );
    const saved = await t.api<{ generatedSecret: string }>("PUT", "/api/v1/workspace/embed", {
      enabled: true,
      verification: "secret",
      generateSecret: true,
      issuer: ISSUER,
      jitProvisioning: true,
      // The CRM's "atendente" is a supervisor in Papo: sees every conversation, the customer's below included.
      roleMap: { atendente: "supervisor" },
      frameOrigins: [crm.origin],
    });
    if (saved.status !== 200) throw new Error(`embed settings: ${JSON.stringify(saved.body)}`);
    secret = saved.body.generatedSecret;
    t.sim.sendAsCustomer({ from: "5511912349001", name: "Cliente Embutido", type: "text", text: "Olá pelo CRM" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await crm?.close();
    await stranger?.close();
    await t?.close();
  });

  const inboxIn = (p: Page) => p.frameLocator("#papo").getByPlaceholder("Buscar nome ou telefone");

  it("when the CRM page frames /embed with a token in the fragment, the inbox opens inside it, compact and signed in", async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
    await page.goto(`${crm.origin}/?fragment=1`);
    await inboxIn(page).waitFor({ timeout: 20_000 });
    const frame = page.frameLocator("#papo");
    await frame.getByText("Cliente Embutido", { exact: true }).first().waitFor({ timeout: 10_000 });
    // Compact: no top bar (no logout or administration inside the CRM).
    expect(await frame.getByRole("button", { name: "Sair" }).count()).toBe(0);
    // The token left the frame's URL at once.
    const framed = page.frames().find((f) => f.url().includes("/embed"));
    expect(framed?.url()).not.toContain("token=");
    await expect.poll(() => page.evaluate("window.papoMessages.map((m) => m.type)")).toContain("papo:ready");
    await page.close();
  });

  it("when the CRM page frames /embed without a token, the console asks for one and the CRM's posted token signs in", async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
    await page.goto(`${crm.origin}/`);
    await inboxIn(page).waitFor({ timeout: 20_000 });
    const types = (await page.evaluate("window.papoMessages.map((m) => m.type)")) as string[];
    expect(types).toEqual(expect.arrayContaining(["papo:token-required", "papo:ready"]));
    await page.close();
  });

  it("when a page of an unlisted origin frames /embed, the browser refuses to show it (frame-ancestors)", async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
    const refused: string[] = [];
    page.on("console", (message) => {
      if (message.text().includes("frame-ancestors")) refused.push(message.text());
    });
    await page.goto(`${stranger.origin}/?fragment=1`);
    await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThan(0);
    // Nothing of the console rendered in the frame.
    expect(await inboxIn(page).count()).toBe(0);
    expect(await page.frameLocator("#papo").locator("#root").count()).toBe(0);
    await page.close();
  });
});
