import { createCopilot, type KnowledgeArticle } from "@papo/copilot";
import { startOpenAITestServer } from "@papo/copilot/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvalItem } from "./dataset.ts";
import { runBuiltinEngine, runProviderSentiment } from "./evaluate.ts";

function item(id: string, text: string, overrides: Partial<EvalItem> = {}): EvalItem {
  return { id, text, language: "pt", sentiment: "neutral", wantsHuman: false, article: null, split: "test", ...overrides };
}

describe("runBuiltinEngine", () => {
  const articles: KnowledgeArticle[] = [
    {
      id: "segunda-via-boleto",
      title: "Segunda via do boleto",
      body: "A 2ª via do boleto está em Minha Conta > Meus Pedidos.",
      tags: ["boleto"],
      phrasings: ["perdi o boleto", "segunda via do boleto"],
      language: "pt",
    },
    {
      id: "horario",
      title: "Horário de atendimento",
      body: "Atendemos de segunda a sexta, das 8h às 20h.",
      tags: ["horário"],
      phrasings: ["que horas vocês abrem"],
      language: "pt",
    },
  ];

  it("records what each built-in feature answered next to the labels", () => {
    const [boleto, person] = runBuiltinEngine(
      [
        item("pt-1", "preciso da segunda via do boleto, perdi o meu", { article: "segunda-via-boleto" }),
        item("pt-2", "quero falar com um atendente humano agora", { wantsHuman: true }),
      ],
      articles,
    );
    expect(boleto?.expected).toEqual({ sentiment: "neutral", wantsHuman: false, article: "segunda-via-boleto" });
    expect(boleto?.predicted.articles[0]).toBe("segunda-via-boleto");
    expect(boleto?.predicted.articles.length).toBeLessThanOrEqual(3);
    expect(boleto?.predicted.language).toBe("pt");
    expect(person?.predicted.wantsHuman).toBe(true);
  });
});

describe("runProviderSentiment", () => {
  let server: Awaited<ReturnType<typeof startOpenAITestServer>>;
  beforeAll(async () => {
    server = await startOpenAITestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("takes the provider's labels and counts the messages the built-in engine answered instead", async () => {
    server.respondWith((request) => {
      const body = JSON.stringify(request.body);
      if (body.includes("FALHA")) return { status: 500, json: { error: { message: "boom" } } };
      return { content: { label: body.includes("amei") ? "positive" : "neutral", score: 0, confidence: 0.9 } };
    });
    const copilot = createCopilot({ provider: server.providerConfig({ maxRetries: 0, timeoutMs: 5_000 }) });
    const run = await runProviderSentiment(
      [item("pt-1", "amei a blusa"), item("pt-2", "qual o prazo de entrega"), item("pt-3", "FALHA no provedor, que raiva")],
      copilot,
      2,
    );
    const labels = Object.fromEntries(run.pairs.map((pair) => [pair.item.id, pair.predicted]));
    expect(labels["pt-1"]).toBe("positive");
    expect(labels["pt-2"]).toBe("neutral");
    expect(run.engines).toEqual({ provider: 2, builtin: 1 });
    expect(run.fallbacks).toEqual({ error: 1 });
    expect(run.model).toBe(server.providerConfig().chatModel);
  });
});
