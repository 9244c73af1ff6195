import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type OpenAITestServer, startOpenAITestServer } from "@papo/copilot/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, eventually, startTestPapo, type TestPapo } from "../apps/server/src/testing/papo.test-utils.ts";
import { chromiumAvailable, consoleBuilt, launchChromium, SCREENSHOTS_DIR, signInToConsole } from "./support/browser.ts";
import { REPO_ROOT } from "./support/papo-process.ts";

const ARTICLES = [
  {
    title: "Prazo de entrega",
    body: "Entregamos em até 3 dias úteis nas capitais e em até 7 dias úteis no interior.",
    tags: ["entrega", "prazo"],
    phrasings: ["quando chega meu pedido", "qual o prazo de entrega", "quanto tempo demora a entrega"],
    language: "pt",
  },
  {
    title: "Trocas e devoluções",
    body: "Você pode trocar ou devolver em até 30 dias pelo site, em Meus Pedidos > Trocar.",
    tags: ["troca", "devolução"],
    phrasings: ["quero trocar um produto", "como faço para devolver"],
    language: "pt",
  },
];

interface ConversationRow {
  id: string;
  handledBy: string;
  assigneeId: string | null;
  contact: { waId: string } | null;
}

/*
 * The copilot and the hybrid bot in the agent console, on the built-in engine first (no provider, no network), then
 * with the local OpenAI-compatible test server as the workspace's provider (translation and voice-note transcription).
 */
describe.skipIf(!chromiumAvailable || !consoleBuilt)("copilot and hybrid bot in Chromium", () => {
  let t: TestPapo;
  let provider: OpenAITestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const customer = "5511955550001";

  beforeAll(async () => {
    provider = await startOpenAITestServer();
    t = await startTestPapo({ db: "pglite", overrides: { webDistDir: join(REPO_ROOT, "apps/web/dist") } });
    for (const article of ARTICLES) expect((await t.api("POST", "/api/v1/knowledge-base/articles", article)).status).toBe(201);
    const channelId = t.papo.sandbox?.channel.id as string;
    const bot = await t.api<Record<string, unknown>>("GET", `/api/v1/channels/${channelId}/bot`);
    expect((await t.api("PUT", `/api/v1/channels/${channelId}/bot`, { ...bot.body, mode: "bot_first", businessHours: null })).status).toBe(
      200,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "pt-BR" });
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await signInToConsole(page, t.papo.url, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`) });
  // The open conversation's messages (the inbox row shows the same words as its preview).
  const messages = () => page.getByRole("log", { name: "Mensagens" });
  const conversationOf = async (waId: string) => {
    const { body } = await t.api<{ data: ConversationRow[] }>("GET", "/api/v1/conversations");
    return body.data.find((c) => c.contact?.waId === waId);
  };

  it("the bot answers from the knowledge base, citing the article, and hands off when the customer asks for a person", async () => {
    t.sim.sendAsCustomer({ from: customer, name: "Rita Souza", type: "text", text: "Oi! qual o prazo de entrega do meu pedido?" });
    const answer = await eventually(() => t.sim.sentTo(customer).find((m) => m.type === "text"), "the bot's answer at WhatsApp", 20_000);
    expect(JSON.stringify(answer.body)).toContain("3 dias úteis");

    await page.getByText("Rita Souza", { exact: true }).first().click();
    await page.getByRole("heading", { name: "Rita Souza" }).waitFor();
    await page.getByText("Fonte: Prazo de entrega").waitFor({ timeout: 10_000 });

    t.sim.sendAsCustomer({ from: customer, name: "Rita Souza", type: "text", text: "quero falar com um atendente, por favor" });
    await page.getByText("O bot transferiu para um atendente: o cliente pediu para falar com uma pessoa.").waitFor({ timeout: 20_000 });
    const conversation = await conversationOf(customer);
    expect(conversation).toMatchObject({ handledBy: "human", assigneeId: null });
    await shot("copilot-handoff");
  });

  it("suggestions are inserted for editing, never sent; the draft is fixed; the summary opens", async () => {
    t.sim.sendAsCustomer({ from: customer, name: "Rita Souza", type: "text", text: "e se eu quiser trocar o produto depois?" });
    await messages().getByText("e se eu quiser trocar o produto depois?").waitFor({ timeout: 15_000 });
    const sentBefore = t.sim.sentTo(customer).length;
    await page.getByRole("button", { name: "Sugestões", exact: true }).click();
    const suggestions = page.getByRole("list", { name: "Respostas sugeridas" });
    await suggestions.waitFor({ timeout: 15_000 });
    // The suggestions stream in: wait for the one grounded on the exchanges article rather than taking whichever came first.
    await suggestions.getByRole("button").filter({ hasText: "30 dias" }).first().click({ timeout: 15_000 });
    const composer = page.getByPlaceholder("Escreva uma mensagem");
    await expect.poll(() => composer.inputValue()).toContain("30 dias");
    expect(t.sim.sentTo(customer)).toHaveLength(sentBefore);
    await shot("copilot-suggestions");

    await composer.fill("vc pode confirmar o endereço q esta no pedido");
    await page.getByRole("button", { name: "Ferramentas de IA" }).click();
    await page.getByRole("menuitem", { name: "Corrigir ortografia" }).click();
    await expect.poll(() => composer.inputValue(), { timeout: 10_000 }).toMatch(/^Você pode confirmar o endereço que/);
    await composer.fill("");

    await page.getByRole("button", { name: "Resumo", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Resumo da conversa" });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toContain("Cliente");
    await page.keyboard.press("Escape");
  });

  it("an angry customer shows a negative mood in the header", async () => {
    t.sim.sendAsCustomer({
      from: customer,
      name: "Rita Souza",
      type: "text",
      text: "PÉSSIMO atendimento, estou muito irritada, ninguém resolve nada!!",
    });
    await page
      .getByText(/Sentimento: negativo/)
      .first()
      .waitFor({ timeout: 20_000 });
  });

  it("with a provider, a message in English gets a translation and a voice note a transcript", async () => {
    const settings = await t.api<Record<string, unknown>>("GET", "/api/v1/workspace/ai");
    const saved = await t.api("PUT", "/api/v1/workspace/ai", {
      features: settings.body.features,
      maskPersonalData: true,
      monthlyTokenBudget: null,
      provider: { ...provider.providerConfig(), transcriptionModel: "whisper-1", transcriptionAcceptsOgg: false },
    });
    expect(saved.status).toBe(200);

    t.sim.sendAsCustomer({ from: customer, name: "Rita Souza", type: "text", text: "Hello, I also need the invoice please" });
    await messages().getByText("Hello, I also need the invoice please").waitFor({ timeout: 20_000 });
    await page
      .getByRole("button", { name: /Traduzir para português/ })
      .last()
      .click();
    await page.getByText(/Tradução de inglês para português/).waitFor({ timeout: 15_000 });

    // One second of real OGG/Opus (the copilot package's fixture): Papo decodes it to WAV for this provider.
    const voiceNote = readFileSync(join(REPO_ROOT, "packages/copilot/src/audio/fixtures/silence-1s.ogg")).toString("base64");
    t.sim.sendAsCustomer({ from: customer, name: "Rita Souza", type: "audio", audio: { voice: true, data: voiceNote } });
    await page.getByText("transcrição de teste").waitFor({ timeout: 30_000 });
    const transcription = provider.requests.find((r) => r.path === "/v1/audio/transcriptions");
    expect(transcription?.file?.type).toBe("audio/wav");
    await shot("copilot-provider");
    expect(pageErrors).toEqual([]);
  });
});
