import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, eventually, startTestPapo, type TestPapo } from "../apps/server/src/testing/papo.test-utils.ts";
import { auditAccessibility } from "./support/accessibility.ts";
import { chromiumAvailable, consoleBuilt, launchChromium, SCREENSHOTS_DIR, signInToConsole } from "./support/browser.ts";
import { REPO_ROOT } from "./support/papo-process.ts";

const CUSTOMER = { waId: "5511977770001", name: "Bia Relatório" };

interface ConversationRow {
  id: string;
  contact: { waId: string } | null;
}

/*
 * A little history (a customer writes through the simulator, an agent answers through the API), then the admin opens
 * the reports dashboard: the volume card counts the conversation, the chart is drawn, the number opens the
 * conversations behind it, and one of them leads back to the inbox. The dashboard passes axe in both themes.
 */
describe.skipIf(!chromiumAvailable || !consoleBuilt)("reports dashboard in Chromium", () => {
  let t: TestPapo;
  let browser: Browser;
  let page: Page;
  let conversationId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestPapo({ db: "pglite", overrides: { webDistDir: join(REPO_ROOT, "apps/web/dist") } });
    t.sim.sendAsCustomer({ from: CUSTOMER.waId, name: CUSTOMER.name, type: "text", text: "Oi, quero saber do meu pedido" });
    const conversation = await eventually(async () => {
      const { body } = await t.api<{ data: ConversationRow[] }>("GET", "/api/v1/conversations");
      return body.data.find((c) => c.contact?.waId === CUSTOMER.waId);
    }, "the customer's conversation");
    conversationId = conversation.id;
    const reply = await t.api("POST", `/api/v1/conversations/${conversationId}/messages`, { type: "text", body: "Oi, Bia! Já vejo isso." });
    expect(reply.status).toBe(202);
    await eventually(() => t.sim.sentTo(CUSTOMER.waId).find((m) => m.type === "text"), "the reply at WhatsApp");

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "pt-BR" });
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await signInToConsole(page, t.papo.url, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows the period's numbers and a chart, drills into the conversations behind a number and opens one in the inbox", async () => {
    await page.getByRole("link", { name: "Relatórios" }).click();
    await page.getByRole("heading", { name: "Relatórios", level: 1 }).waitFor();
    const opened = page.getByTestId("card-opened");
    await opened.waitFor({ timeout: 15_000 });
    await expect.poll(async () => Number(await opened.textContent()), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    // The live strip: the customer's conversation is open.
    await expect
      .poll(async () => Number(await page.getByTestId("overview-open").textContent()), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    // Whoever watches the dashboard is online: its live stream counts as presence.
    await expect
      .poll(async () => Number(await page.getByTestId("overview-online").textContent()), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    // recharts drew the series (an SVG inside the labelled figure).
    const chart = page.getByRole("img", { name: "Conversas abertas e resolvidas" });
    await chart.locator("svg").first().waitFor({ timeout: 15_000 });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, "reports-dashboard.png"), fullPage: true });

    await page
      .getByRole("button", { name: /^Conversas abertas/ })
      .first()
      .click();
    const panel = page.getByRole("dialog", { name: "Conversas abertas" });
    const row = panel.getByRole("link", { name: new RegExp(CUSTOMER.name) });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute("href")).toBe(`#/c/${conversationId}`);
    await row.click();
    await expect.poll(() => page.evaluate("window.location.hash")).toBe(`#/c/${conversationId}`);
    await page.getByPlaceholder("Escreva uma mensagem").waitFor({ timeout: 15_000 });
    await page.getByText("Oi, quero saber do meu pedido").waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("the dashboard passes WCAG 2.1 AA in light and dark themes", async () => {
    await page.goto(`${t.papo.url}/#/reports`);
    await page.getByTestId("card-opened").waitFor({ timeout: 15_000 });
    await page.getByRole("img", { name: "Conversas abertas e resolvidas" }).locator("svg").first().waitFor({ timeout: 15_000 });
    await page.emulateMedia({ reducedMotion: "reduce" });
    const found: Record<string, unknown> = {};
    for (const theme of ["light", "dark"] as const) {
      await page.evaluate(`document.documentElement.classList.toggle("dark", ${theme === "dark"})`);
      await page.waitForTimeout(50);
      const violations = await auditAccessibility(page);
      if (violations.length > 0) found[theme] = violations;
    }
    await page.evaluate(`document.documentElement.classList.remove("dark")`);
    expect(found).toEqual({});
  });
});
