import { describe, expect, it } from "vitest";
import type { RetrievalHit } from "../types.ts";
import { answerFromHits, inLanguage, MAX_SUGGESTION_LENGTH, suggestFromHits, trimToLength } from "./suggest.ts";

const hit = (overrides: Partial<RetrievalHit> & Pick<RetrievalHit, "id" | "text">): RetrievalHit => ({
  kind: "article",
  title: overrides.id,
  score: 1,
  confidence: 0.5,
  ...overrides,
});

const HOURS =
  "Atendimento humano: seg a sex 8h–20h e sáb 9h–14h (horário de Brasília). Human support: Mon–Fri 8am–8pm and Sat 9am–2pm (Brasília time). Atención humana: lun a vie 8–20 h y sáb 9–14 h (hora de Brasilia).";

describe("suggestFromHits", () => {
  const hits = [
    hit({ id: "prazo", title: "Prazo de entrega", text: "Entregamos em 2 a 5 dias úteis nas capitais.", confidence: 0.7 }),
    hit({ id: "rastreio", title: "Rastreio", text: "Acompanhe seu pedido em Minha Conta > Meus Pedidos.", confidence: 0.4 }),
    hit({ kind: "canned", id: "c1", title: "Prazo (atalho)", text: "Entregamos em 2 a 5 dias úteis nas capitais!", confidence: 0.6 }),
    hit({ kind: "past_reply", id: "p1", title: "chega quando?", text: "Olá! Chega em até 5 dias úteis.", confidence: 0.3 }),
  ];

  it("offers distinct replies from the hits, best first, each citing its source, greeting a customer nobody answered yet", () => {
    const suggestions = suggestFromHits({ turns: [{ role: "customer", text: "bom dia, quando chega?" }], hits, language: "pt", max: 3 });
    expect(suggestions).toEqual([
      {
        text: "Bom dia! Entregamos em 2 a 5 dias úteis nas capitais.",
        source: { kind: "article", id: "prazo", title: "Prazo de entrega" },
        citations: [{ kind: "article", id: "prazo", title: "Prazo de entrega" }],
      },
      // The canned reply says the same as the article: skipped.
      {
        text: "Bom dia! Acompanhe seu pedido em Minha Conta > Meus Pedidos.",
        source: { kind: "article", id: "rastreio", title: "Rastreio" },
        citations: [{ kind: "article", id: "rastreio", title: "Rastreio" }],
      },
      // A reply that already greets gets no second greeting.
      {
        text: "Olá! Chega em até 5 dias úteis.",
        source: { kind: "past_reply", id: "p1", title: "chega quando?" },
        citations: [{ kind: "past_reply", id: "p1", title: "chega quando?" }],
      },
    ]);
  });

  it("adds no greeting once an agent or the bot has answered, and respects max", () => {
    const turns = [
      { role: "customer" as const, text: "oi" },
      { role: "bot" as const, text: "Olá! Como posso ajudar?" },
    ];
    const suggestions = suggestFromHits({ turns, hits, language: "pt", max: 1 });
    expect(suggestions.map((suggestion) => suggestion.text)).toEqual(["Entregamos em 2 a 5 dias úteis nas capitais."]);
    expect(suggestFromHits({ turns, hits, language: "pt", max: 0 })).toEqual([]);
    expect(suggestFromHits({ turns, hits: [], language: "pt", max: 3 })).toEqual([]);
  });

  it("greets in the customer's language and keeps a multilingual article's part in that language", () => {
    const [suggestion] = suggestFromHits({
      turns: [{ role: "customer", text: "what are your hours?" }],
      hits: [hit({ id: "hours", text: HOURS })],
      language: "en",
      max: 3,
    });
    expect(suggestion?.text).toBe("Hi! Human support: Mon–Fri 8am–8pm and Sat 9am–2pm (Brasília time).");
  });

  it("cuts long articles to a WhatsApp-sized reply at a sentence end", () => {
    const long = `${"Primeira frase curta. ".repeat(20)}${"palavra ".repeat(200)}`;
    const [suggestion] = suggestFromHits({
      turns: [{ role: "agent", text: "oi" }],
      hits: [hit({ id: "long", text: long })],
      language: "pt",
      max: 1,
    });
    expect(suggestion?.text.length).toBeLessThanOrEqual(MAX_SUGGESTION_LENGTH);
    expect(suggestion?.text.endsWith("curta.")).toBe(true);
  });
});

describe("answerFromHits", () => {
  it("answers with the most confident hit's text, cited, as confident as the hit", () => {
    const answer = answerFromHits({
      hits: [hit({ id: "a", text: "Resposta A", confidence: 0.4 }), hit({ id: "b", title: "B", text: HOURS, confidence: 0.9 })],
      language: "es",
    });
    expect(answer).toEqual({
      text: "Atención humana: lun a vie 8–20 h y sáb 9–14 h (hora de Brasilia).",
      confidence: 0.9,
      citation: { kind: "article", id: "b", title: "B" },
    });
    expect(answerFromHits({ hits: [], language: "pt" })).toEqual({ text: "", confidence: 0, citation: null });
  });
});

describe("text helpers", () => {
  it("keeps single-language texts whole and cuts at words when no sentence fits", () => {
    expect(inLanguage("Uma frase. Outra frase em português.", "en")).toBe("Uma frase. Outra frase em português.");
    expect(trimToLength("palavra ".repeat(20), 30)).toBe("palavra palavra palavra…");
    expect(trimToLength("  curto  ")).toBe("curto");
  });
});
