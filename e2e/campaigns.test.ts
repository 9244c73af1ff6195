import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, eventually, startTestPapo, type TestPapo } from "../apps/server/src/testing/papo.test-utils.ts";
import { auditAccessibility } from "./support/accessibility.ts";
import { chromiumAvailable, consoleBuilt, launchChromium, SCREENSHOTS_DIR, signInToConsole } from "./support/browser.ts";
import { REPO_ROOT } from "./support/papo-process.ts";

const TAG = "black-friday";
const CUSTOMERS = [
  { name: "Rita Souza", phone: "+5511955552001" },
  { name: "Caio Lima", phone: "+5511955552002" },
  { name: "Ana Reis", phone: "+5511955552003" },
];

interface CampaignRow {
  id: string;
  name: string;
  status: string;
}

/*
 * An admin builds a small marketing campaign in the console (the simulator's seeded `promo_relampago`: an image header,
 * the contact's first name and a fixed discount), sees the estimate, launches it and watches the report reach the
 * delivered count as the sandbox simulator delivers; then exports the per-recipient CSV.
 */
describe.skipIf(!chromiumAvailable || !consoleBuilt)("campaigns in Chromium", () => {
  let t: TestPapo;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestPapo({ db: "pglite", overrides: { webDistDir: join(REPO_ROOT, "apps/web/dist") } });
    expect((await t.api("POST", "/api/v1/templates/sync", {})).status).toBe(200);
    for (const customer of CUSTOMERS) {
      const created = await t.api<{ id: string }>("POST", "/api/v1/contacts", { ...customer, tags: [TAG] });
      expect(created.status).toBe(201);
      const consent = await t.api("POST", `/api/v1/contacts/${created.body.id}/consents`, {
        purpose: "marketing",
        state: "granted",
        source: "api",
        evidence: "e2e: opt-in form",
      });
      expect(consent.status).toBe(201);
    }
    // Someone without the tag must not be messaged.
    expect((await t.api("POST", "/api/v1/contacts", { name: "Fora da Lista", phone: "+5511955552999" })).status).toBe(201);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "pt-BR", acceptDownloads: true });
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await signInToConsole(page, t.papo.url, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const next = () => page.getByRole("button", { name: "Avançar" }).click();
  const step = async (n: number) => {
    try {
      await page.getByRole("heading", { name: new RegExp(`^Etapa ${n} de 5`) }).waitFor({ timeout: 15_000 });
    } catch (error) {
      // What the page said instead (a refused save names its reason).
      const alerts = await page.getByRole("alert").allTextContents();
      throw new Error(`step ${n} did not open; alerts: ${JSON.stringify(alerts)}`, { cause: error });
    }
  };

  it("builds, estimates and launches a tag-filtered campaign, then watches it deliver and exports the report", async () => {
    await page.getByRole("link", { name: "Administração" }).click();
    await page.getByRole("link", { name: "Campanhas" }).click();
    await page.getByRole("button", { name: "Nova campanha" }).click();

    await step(1);
    await page.getByLabel("Nome da campanha").fill("Relâmpago de novembro");
    await page.getByLabel("Modelo", { exact: true }).selectOption({ label: "promo_relampago · pt_BR" });
    await page.getByText(/só contatos com consentimento de marketing vão receber/).waitFor();
    await next();

    await step(2);
    await page.getByLabel("Link do arquivo para Arquivo do cabeçalho").fill("https://example.com/promo.jpg");
    await page.getByLabel("Texto fixo para Corpo {{2}}").fill("30%");
    await page.getByTestId("campaign-preview").getByText("Lia, só hoje: 30% de desconto").waitFor();
    await next();

    await step(3);
    await page.getByLabel("Com todas estas etiquetas").fill(TAG);
    await next();

    await step(4);
    await page.getByLabel("Mensagens por segundo", { exact: true }).fill("5");
    await next();

    await step(5);
    await expect.poll(() => page.getByTestId("estimate-recipients").textContent(), { timeout: 15_000 }).toBe("3");
    await page.getByRole("table", { name: "Custo por país" }).waitFor();
    await page.getByRole("button", { name: "Iniciar campanha" }).click();
    const confirm = page.getByRole("dialog", { name: "Iniciar a campanha?" });
    await confirm.getByRole("button", { name: "Iniciar", exact: true }).click();

    // The report fills in live as the simulator accepts and delivers the three messages.
    await page.getByRole("heading", { name: /Relâmpago de novembro/ }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId("report-delivered").textContent(), { timeout: 30_000 }).toBe("3");
    expect(await page.getByTestId("report-sent").textContent()).toBe("3");
    expect(await page.getByTestId("report-recipients").textContent()).toBe("3");
    await page.getByRole("table", { name: "Destinatários" }).getByText("Rita Souza").waitFor();

    for (const customer of CUSTOMERS) {
      const waId = customer.phone.slice(1);
      const sent = await eventually(() => t.sim.sentTo(waId).find((m) => m.type === "template"), `the campaign message to ${waId}`);
      expect(JSON.stringify(sent.body)).toContain("promo_relampago");
    }
    expect(t.sim.sentTo("5511955552999")).toHaveLength(0);

    const { body } = await t.api<{ data: CampaignRow[] }>("GET", "/api/v1/campaigns");
    expect(body.data[0]).toMatchObject({ name: "Relâmpago de novembro" });
    // The recipients follow the report: each row ends read (the simulator reads what it delivers).
    const recipients = page.getByRole("table", { name: "Destinatários" });
    await expect.poll(() => recipients.getByRole("cell", { name: "Lida", exact: true }).count(), { timeout: 30_000 }).toBe(3);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, "campaign-report.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Exportar CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("campanha-relampago-de-novembro.csv");
    const path = await download.path();
    const csv = readFileSync(path, "utf8");
    expect(csv.split(/\r?\n/)[0]).toContain("messageStatus");
    expect(csv).toContain("Caio Lima");
    expect(pageErrors).toEqual([]);
  });

  it("the report and the wizard's variables step pass WCAG 2.1 AA in light and dark themes", async () => {
    const found: Record<string, unknown> = {};
    // With reduced motion the console drops its colour transitions, so axe measures the theme's final colours.
    await page.emulateMedia({ reducedMotion: "reduce" });
    const audit = async (name: string) => {
      for (const theme of ["light", "dark"] as const) {
        await page.evaluate(`document.documentElement.classList.toggle("dark", ${theme === "dark"})`);
        await page.waitForTimeout(50);
        const violations = await auditAccessibility(page);
        if (violations.length > 0) found[`${name}, ${theme}`] = violations;
      }
      await page.evaluate(`document.documentElement.classList.remove("dark")`);
    };
    await page.getByTestId("report-delivered").waitFor();
    await audit("campaign report");

    await page.getByRole("button", { name: "Voltar para as campanhas" }).click();
    await page.getByRole("table", { name: "Campanhas" }).waitFor();
    await audit("campaign list");
    await page.getByRole("button", { name: "Nova campanha" }).click();
    await step(1);
    await page.getByLabel("Nome da campanha").fill("Auditoria");
    await page.getByLabel("Modelo", { exact: true }).selectOption({ label: "promo_relampago · pt_BR" });
    await next();
    await step(2);
    await audit("campaign wizard, variables");
    expect(found).toEqual({});
  });
});
