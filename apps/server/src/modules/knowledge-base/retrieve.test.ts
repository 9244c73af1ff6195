import { createCopilot, createKnowledgeIndex, type KnowledgeArticle } from "@papo/copilot";
import { type OpenAITestServer, startOpenAITestServer } from "@papo/copilot/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retrieveHits } from "./retrieve.ts";

const article = (id: string, title: string, body: string, phrasings: string[]): KnowledgeArticle => ({
  id,
  title,
  body,
  tags: [],
  phrasings,
  language: "pt",
});

const index = createKnowledgeIndex({
  articles: [
    article("entrega", "Prazo de entrega", "Entregamos em até 3 dias úteis.", ["quando chega meu pedido"]),
    article("frete", "Valor do frete", "O frete do pedido é grátis acima de R$ 200.", ["quanto custa o frete do pedido"]),
    article("troca", "Trocas", "Você troca em até 30 dias.", ["quero trocar o pedido"]),
  ],
});

describe("retrieving the hits that ground suggestions and the bot", () => {
  let server: OpenAITestServer;
  beforeAll(async () => {
    server = await startOpenAITestServer();
  });
  afterAll(() => server.close());

  const embeddingCalls = () => server.requests.filter((r) => r.path === "/v1/embeddings").length;

  it("uses BM25 alone when the provider has no embedding model", async () => {
    const copilot = createCopilot({ provider: server.providerConfig({ embeddingModel: "" }) });
    const before = embeddingCalls();
    const hits = await retrieveHits(index, copilot, "quando chega o meu pedido?", { language: "pt", limit: 2 });
    expect(hits[0]?.id).toBe("entrega");
    expect(hits.length).toBeLessThanOrEqual(2);
    expect(embeddingCalls()).toBe(before);
  });

  it("re-ranks a wider BM25 pool by embeddings when the provider has an embedding model, keeping the limit", async () => {
    const copilot = createCopilot({ provider: server.providerConfig({ embeddingModel: "test-embedding" }) });
    const before = embeddingCalls();
    const hits = await retrieveHits(index, copilot, "pedido", { language: "pt", limit: 1 });
    expect(embeddingCalls()).toBeGreaterThan(before);
    expect(hits).toHaveLength(1);
    expect(["entrega", "frete", "troca"]).toContain(hits[0]?.id);
  });

  it("leaves out the kinds not asked for: the bot never gets another customer's past reply", async () => {
    const withReplies = createKnowledgeIndex({
      articles: [article("entrega", "Prazo de entrega", "Entregamos em até 3 dias úteis.", ["quando chega meu pedido"])],
      pastReplies: [
        { id: "p1", question: "quando chega meu pedido 48213?", answer: "Oi Maria, seu pedido 48213 vai para a Rua das Flores 120." },
      ],
    });
    const copilot = createCopilot({});
    const all = await retrieveHits(withReplies, copilot, "quando chega meu pedido 48213?", { language: "pt", limit: 3 });
    expect(all.map((h) => h.kind)).toContain("past_reply");
    const forBot = await retrieveHits(withReplies, copilot, "quando chega meu pedido 48213?", {
      language: "pt",
      limit: 3,
      kinds: ["article", "canned"],
    });
    expect(forBot.map((h) => h.id)).toEqual(["entrega"]);
  });

  it("finds nothing for an empty question without asking anyone", async () => {
    const copilot = createCopilot({ provider: server.providerConfig({ embeddingModel: "test-embedding" }) });
    const before = embeddingCalls();
    expect(await retrieveHits(index, copilot, "   ", { language: "pt", limit: 3 })).toEqual([]);
    expect(embeddingCalls()).toBe(before);
  });
});
