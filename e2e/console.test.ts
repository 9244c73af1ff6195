import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, eventually, startTestPapo, type TestPapo } from "../apps/server/src/testing/papo.test-utils.ts";
import { chromiumAvailable, launchChromium, SCREENSHOTS_DIR } from "./support/browser.ts";
import { REPO_ROOT } from "./support/papo-process.ts";

const consoleBuilt = existsSync(join(REPO_ROOT, "apps/web/dist/index.html"));
if (process.env.PAPO_REQUIRE_CHROMIUM === "1" && !consoleBuilt) throw new Error("the console is not built: npm run build -w @papo/web");

// A real Papo in sandbox mode serving the built console, driven in Debian's headless Chromium.
describe.skipIf(!chromiumAvailable || !consoleBuilt)("agent console in Chromium", () => {
  let t: TestPapo;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    t = await startTestPapo({ db: "pglite", overrides: { webDistDir: join(REPO_ROOT, "apps/web/dist") } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`) });
  const openConversation = async (name: string) => {
    await page.getByText(name, { exact: true }).first().click();
    await page.getByRole("heading", { name }).waitFor();
  };

  it("when the agent logs in, the inbox appears and survives a reload", async () => {
    await page.goto(t.papo.url);
    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Senha").fill("wrong-password-123");
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("alert").waitFor();
    await shot("login");
    await page.getByLabel("Senha").fill(ADMIN.password);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByPlaceholder("Buscar nome ou telefone").waitFor();
    await page.reload();
    await page.getByPlaceholder("Buscar nome ou telefone").waitFor();
  });

  it("when a customer writes, the message appears live; an XSS payload renders as inert text", async () => {
    const payload = '<img src=x onerror="alert(1)"> <script>alert(2)</script> [x](javascript:alert(3))';
    t.sim.sendAsCustomer({ from: "5511912340001", name: "Lia Prado", type: "text", text: `Olá! *Meu pedido* chegou? ${payload}` });
    await page.getByText("Lia Prado", { exact: true }).first().waitFor({ timeout: 10_000 });
    await openConversation("Lia Prado");
    await page.getByText("Meu pedido", { exact: true }).waitFor();
    await expect.poll(() => page.locator("img[src='x']").count()).toBe(0);
    await expect.poll(() => page.locator("a[href^='javascript:']").count()).toBe(0);
    expect(await page.getByText('<img src=x onerror="alert(1)">', { exact: false }).count()).toBeGreaterThan(0);
    expect(dialogs).toEqual([]);
    await shot("inbox");
  });

  it("when the agent replies, the ticks go ✓ → ✓✓ → blue ✓✓", async () => {
    const composer = page.getByPlaceholder("Escreva uma mensagem");
    await composer.fill("Chegou sim, Lia! Saiu para entrega hoje.");
    await composer.press("Enter");
    const reply = page.locator("[data-status]").last();
    await expect.poll(() => reply.getAttribute("data-status"), { timeout: 10_000 }).toBe("read");
    expect(t.sim.sentTo("5511912340001").map((m) => m.body)).toContainEqual(
      expect.objectContaining({ type: "text", text: { body: "Chegou sim, Lia! Saiu para entrega hoje." } }),
    );
    await shot("conversation");
  });

  it("when the agent attaches an image, it is uploaded and sent", async () => {
    // The smallest valid PNG: a 1×1 pixel.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAghX0qQAAAABJRU5ErkJggg==", "base64");
    await page.locator("input[type=file]").first().setInputFiles({ name: "foto.png", mimeType: "image/png", buffer: png });
    await page.getByRole("button", { name: "Enviar" }).click();
    await eventually(() => t.sim.sentTo("5511912340001").find((m) => m.type === "image"), "the image at WhatsApp", 15_000);
    // The bubble shows the picture itself (fetched with the token, shown as a blob: URL the CSP allows).
    const picture = page.locator("img[src^='blob:']").last();
    await picture.waitFor({ timeout: 10_000 });
    await expect
      .poll(
        () =>
          picture.evaluate((img) => {
            // The test's tsconfig has no DOM types: the element is read structurally.
            const image = img as unknown as { complete: boolean; naturalWidth: number };
            return image.complete && image.naturalWidth;
          }),
        { timeout: 10_000 },
      )
      .toBe(1);
  });

  it("when the window is closed, the composer becomes a template picker and a template is sent", async () => {
    // The customer last wrote 30 hours ago.
    t.sim.sendAsCustomer({
      from: "5511912340002",
      name: "Caio Antigo",
      type: "text",
      text: "oi",
      timestamp: Math.floor(Date.now() / 1000) - 30 * 3600,
    });
    await page.getByText("Caio Antigo", { exact: true }).first().waitFor({ timeout: 10_000 });
    await openConversation("Caio Antigo");
    await page.getByText("Janela de 24 h fechada: envie um modelo aprovado").waitFor();
    await page.getByLabel("Buscar modelo").fill("hello_world");
    await page.getByRole("list", { name: "Modelos aprovados" }).getByRole("button").first().click();
    await shot("template-picker");
    await page.getByRole("button", { name: "Enviar modelo" }).click();
    await eventually(() => t.sim.sentTo("5511912340002").find((m) => m.type === "template"), "the template at WhatsApp", 15_000);
  });

  it("when the agent assigns and resolves a conversation, its header says so", async () => {
    await openConversation("Lia Prado");
    await page.getByRole("button", { name: "Atribuir a mim" }).click();
    await page.getByRole("button", { name: "Resolver" }).click();
    await page.getByRole("button", { name: "Reabrir" }).waitFor();
    const conversations = await t.api<{ data: Array<{ status: string; assigneeId: string | null; contact: { name: string } }> }>(
      "GET",
      "/api/v1/conversations?status=resolved",
    );
    expect(conversations.body.data.find((c) => c.contact.name === "Lia Prado")).toMatchObject({
      status: "resolved",
      assigneeId: expect.any(String),
    });
    expect(pageErrors).toEqual([]);
  });
});
