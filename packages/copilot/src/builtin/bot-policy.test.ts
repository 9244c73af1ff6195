import { describe, expect, it } from "vitest";
import { type BotAnswer, handoffReasons, languages, type RetrievalHit, type Sentiment } from "../types.ts";
import { type BotRules, decideBotTurn, matchHumanOnlyTopic } from "./bot-policy.ts";
import { clarifyingQuestion, greetingFor, HANDOFF_NOTICES, titleFor } from "./bot-texts.ts";

const neutral: Sentiment = { label: "neutral", score: 0, confidence: 0.5, lowConfidence: true };
const angry: Sentiment = { label: "negative", score: -0.8, confidence: 0.6, lowConfidence: true };
const rules: BotRules = {
  confidenceThreshold: 0.5,
  humanOnlyTopics: ["cancelamento", "reembolso", "nota fiscal"],
  negativeSentimentThreshold: 0.5,
  withinBusinessHours: true,
};
const confident: BotAnswer = {
  text: "Entregamos em 5 dias úteis.",
  confidence: 0.8,
  citation: { kind: "article", id: "prazo", title: "Prazo de entrega" },
};
const unsureAnswer: BotAnswer = { ...confident, confidence: 0.3 };
const hit = (id: string, title: string): RetrievalHit => ({ kind: "article", id, title, text: "…", score: 1, confidence: 0.3 });

const decide = (overrides: Partial<Parameters<typeof decideBotTurn>[0]> = {}) =>
  decideBotTurn({
    text: "quando chega meu pedido?",
    language: "pt",
    sentiment: neutral,
    handoff: { wantsHuman: false, confidence: 0 },
    answer: confident,
    state: { clarifications: 0 },
    rules,
    ...overrides,
  });

describe("decideBotTurn", () => {
  it("answers when confident", () => {
    expect(decide()).toEqual({ action: "answer", answer: confident });
    expect(decide({ answer: { ...confident, confidence: 0.5 } }).action).toBe("answer");
  });

  it("hands off when the customer asks for a person, before anything else, with the phrase as detail", () => {
    const decision = decide({
      handoff: { wantsHuman: true, confidence: 0.9, matched: "falar com um atendente" },
      rules: { ...rules, withinBusinessHours: false },
      sentiment: angry,
    });
    expect(decision).toEqual({ action: "handoff", reason: "customer_request", detail: "falar com um atendente" });
    // The provider's structured answer may notice it too.
    expect(decide({ answer: { ...confident, wantsHuman: true } })).toMatchObject({ action: "handoff", reason: "customer_request" });
  });

  it("hands off outside business hours, then human-only topics, then negative sentiment, in that order", () => {
    expect(decide({ rules: { ...rules, withinBusinessHours: false }, text: "quero o reembolso", sentiment: angry })).toMatchObject({
      reason: "outside_business_hours",
    });
    expect(decide({ text: "quero o reembolso", sentiment: angry })).toEqual({
      action: "handoff",
      reason: "human_only_topic",
      detail: "reembolso",
    });
    expect(decide({ sentiment: angry })).toMatchObject({ action: "handoff", reason: "negative_sentiment" });
    // Mildly negative is not enough.
    expect(decide({ sentiment: { ...angry, score: -0.4 } }).action).toBe("answer");
  });

  it("asks one clarifying question naming the two best candidates, then hands off as unsure", () => {
    const hits = [hit("prazo", "Prazo de entrega"), hit("rastreio", "Como rastrear meu pedido"), hit("frete", "Frete")];
    expect(decide({ answer: unsureAnswer, hits })).toEqual({
      action: "clarify",
      text: "Só pra eu te ajudar direitinho: você quer saber sobre prazo de entrega ou como rastrear meu pedido?",
    });
    expect(decide({ answer: unsureAnswer, hits, state: { clarifications: 1 } })).toEqual({
      action: "handoff",
      reason: "unsure",
      detail: "confidence 0.30",
    });
  });

  it("clarifies without candidates from the answer's citation or generically, in the customer's language", () => {
    expect(decide({ answer: unsureAnswer, language: "en" })).toEqual({
      action: "clarify",
      text: "Is your question about prazo de entrega? Could you tell me a bit more?",
    });
    expect(decide({ answer: null, language: "es" })).toEqual({ action: "clarify", text: clarifyingQuestion("es") });
    expect(decide({ answer: null, state: { clarifications: 2 } })).toEqual({ action: "handoff", reason: "unsure" });
    // An empty answer is no answer, however confident.
    expect(decide({ answer: { ...confident, text: " " } }).action).toBe("clarify");
  });
});

describe("matchHumanOnlyTopic", () => {
  it("matches folded and stemmed words and whole phrases in any order", () => {
    expect(matchHumanOnlyTopic("Quero CANCELAR a compra", ["cancelamento"])).toBe("cancelamento");
    expect(matchHumanOnlyTopic("cadê meus reembolsos", ["reembolso"])).toBe("reembolso");
    expect(matchHumanOnlyTopic("a nota não veio, preciso da fiscal", ["nota fiscal"])).toBe("nota fiscal");
    expect(matchHumanOnlyTopic("I need a refund", ["Refund "])).toBe("Refund");
    expect(matchHumanOnlyTopic("preciso da nota", ["nota fiscal"])).toBeNull();
    expect(matchHumanOnlyTopic("quando chega?", ["cancelamento", "  "])).toBeNull();
  });
});

describe("bot texts", () => {
  it("has every notice and question in pt, en and es", () => {
    for (const reason of handoffReasons)
      for (const language of languages) expect(HANDOFF_NOTICES[reason][language].length).toBeGreaterThan(10);
    for (const language of languages) {
      expect(clarifyingQuestion(language, ["A", "B"])).toMatch(/A.*B/);
      expect(clarifyingQuestion(language)).not.toBe("");
    }
  });

  it("picks the title part in the language and mirrors the customer's time-of-day greeting", () => {
    expect(titleFor("Horário de atendimento / Opening hours / Horario de atención", "en")).toBe("opening hours");
    expect(titleFor("NF-e e boletos", "pt")).toBe("NF-e e boletos");
    expect(greetingFor("pt", "boa tarde, tudo bem?")).toBe("Boa tarde!");
    expect(greetingFor("es", "buenos dias")).toBe("¡Buenos días!");
    expect(greetingFor("en", "hey")).toBe("Hi!");
  });
});
