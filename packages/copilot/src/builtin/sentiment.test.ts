import { describe, expect, it } from "vitest";
import type { Language, SentimentLabel } from "../types.ts";
import { lexiconEn } from "./sentiment/lexicon-en.ts";
import { lexiconEs } from "./sentiment/lexicon-es.ts";
import { lexiconPt } from "./sentiment/lexicon-pt.ts";
import { analyzeSentiment } from "./sentiment.ts";

const cases: Array<[string, SentimentLabel, Language | null]> = [
  // pt: support complaints, WhatsApp spelling, emoji, CAPS
  ["meu pedido não chegou", "negative", "pt"],
  ["péssimo atendimento!!!", "negative", "pt"],
  ["ninguém responde aqui", "negative", "pt"],
  ["O PEDIDO ATRASOU DE NOVO", "negative", "pt"],
  ["vcs sao mto lentos", "negative", "pt"],
  ["naum recebi ainda", "negative", "pt"],
  ["ñ funciona", "negative", null],
  ["cadê meu pedido???", "negative", "pt"],
  ["péssimooo", "negative", "pt"],
  ["😡😡", "negative", null],
  ["obrigado pela ajuda!", "positive", "pt"],
  ["muito obrigada, vc é demais", "positive", "pt"],
  ["adorei o produto 😍", "positive", "pt"],
  ["kkkk blz", "positive", "pt"],
  ["vlw tmj", "positive", "pt"],
  ["bom dia", "neutral", "pt"],
  ["Oi, tudo bem?", "neutral", "pt"],
  ["qual o horário de vocês?", "neutral", "pt"],
  ["pode me mandar o boleto?", "neutral", "pt"],
  ["quero cancelar meu pedido", "neutral", "pt"],
  ["quando cai o reembolso?", "neutral", "pt"],
  ["está bom?", "neutral", "pt"],
  // en
  ["ainda estou esperando o estorno, já faz 20 dias", "negative", "pt"],
  ["o site tá fora do ar??", "negative", "pt"],
  ["my order is late", "negative", "en"],
  ["my card was charged twice", "negative", "en"],
  ["I don't like it", "negative", "en"],
  ["the box arrived broken", "negative", "en"],
  ["nobody answers, this is ridiculous", "negative", "en"],
  ["thanks for nothing", "negative", "en"],
  ["thanks a lot!", "positive", "en"],
  ["that was fast, thank you", "positive", "en"],
  ["not bad", "positive", "en"],
  ["where is my order?", "neutral", "en"],
  ["I want to cancel my order", "neutral", "en"],
  // es
  ["mi pedido llegó roto", "negative", "es"],
  ["no me gustó", "negative", "es"],
  ["todavía no me devuelven el dinero", "negative", "es"],
  ["me encantó el vestido", "positive", "es"],
  ["nadie contesta", "negative", "es"],
  ["gracias!!", "positive", "es"],
  ["todo bien, gracias", "positive", "es"],
  ["hola, quiero saber el precio", "neutral", "es"],
  ["ok", "neutral", null],
];

describe("built-in sentiment", () => {
  it.each(cases)("when the customer writes %j, the sentiment is %s", (text, label, language) => {
    const result = analyzeSentiment(text, language);
    expect(result.label).toBe(label);
    expect(result.lowConfidence).toBe(true);
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(0.85);
    expect(Math.sign(result.score)).toBe(label === "positive" ? 1 : label === "negative" ? -1 : Math.sign(result.score));
  });

  it.each<[string, SentimentLabel, Language]>([
    // Slang complaints
    ["me están jodiendo con este pedido", "negative", "es"],
    ["qué asco de servicio", "negative", "es"],
    ["la app no sirve para nada", "negative", "es"],
    ["estoy hasta la madre de esperar", "negative", "es"],
    ["não serve pra nada esse app", "negative", "pt"],
    ["what a mess", "negative", "en"],
    ["this app is good for nothing", "negative", "en"],
    // Sarcasm: praise beside a failure
    ["genial, pagué el envío express y nada", "negative", "es"],
    ["excelente servicio 👏👏, tres semanas esperando", "negative", "es"],
    ["bárbaro, me mandaron el talle equivocado otra vez", "negative", "es"],
    ["maravilha, cobraram duas vezes", "negative", "pt"],
    ["parabéns, mais uma vez atrasaram", "negative", "pt"],
    ["wonderful, charged twice again", "negative", "en"],
    ["awesome service 👏👏 still waiting after 3 weeks", "negative", "en"],
    // The same praise words with nothing failing stay praise
    ["genial, llegó rapidísimo", "positive", "es"],
    ["excelente atendimento, resolveram meu problema", "positive", "pt"],
    ["parabéns pelo atendimento 👏👏", "positive", "pt"],
    ["great, it arrived early", "positive", "en"],
    ["no pasa nada, puedo esperar", "neutral", "es"],
  ])("when the customer writes %j (slang or sarcasm), the sentiment is %s", (text, label, language) => {
    expect(analyzeSentiment(text, language).label).toBe(label);
  });

  it("when a negation comes before a complaint word, it softens instead of turning it into praise", () => {
    expect(analyzeSentiment("não foi ruim", "pt").label).toBe("neutral");
    expect(analyzeSentiment("não gostei", "pt").label).toBe("negative");
  });

  it("when the message says 'but', the clause after it decides", () => {
    expect(analyzeSentiment("gostei, mas demorou demais", "pt").label).toBe("negative");
    expect(analyzeSentiment("demorou, mas chegou tudo certo, obrigado", "pt").label).toBe("positive");
    expect(analyzeSentiment("it was late, but the support was great", "en").label).toBe("positive");
    expect(analyzeSentiment("tardó un poco, pero ya llegó, muchas gracias", "es").label).toBe("positive");
  });

  it("when words are intensified, shouted or exclaimed, the score is stronger", () => {
    const plain = analyzeSentiment("atendimento ruim", "pt").score;
    expect(analyzeSentiment("atendimento muito ruim", "pt").score).toBeLessThan(plain);
    expect(analyzeSentiment("atendimento RUIM", "pt").score).toBeLessThan(plain);
    expect(analyzeSentiment("atendimento ruim!!!", "pt").score).toBeLessThan(plain);
    expect(analyzeSentiment("um pouco lento", "pt").score).toBeGreaterThan(analyzeSentiment("lento", "pt").score);
  });

  it("when praise comes with a clear complaint or 🙃, it reads as irony", () => {
    expect(analyzeSentiment("parabéns pela falta de respeito", "pt").label).toBe("negative");
    expect(analyzeSentiment("amazing service 🙃", "en").label).toBe("negative");
  });

  it("when the language is unknown, Portuguese 'no' (in the) is not taken for a negation", () => {
    expect(analyzeSentiment("chegou no prazo, adorei", null).label).toBe("positive");
  });

  it("when a message is clearer, the confidence is higher", () => {
    expect(analyzeSentiment("péssimo, horrível, nunca mais compro 😡", "pt").confidence).toBeGreaterThan(
      analyzeSentiment("problema", "pt").confidence,
    );
  });

  it.each([
    ["pt", lexiconPt],
    ["en", lexiconEn],
    ["es", lexiconEs],
  ] as const)("when the %s lexicon is loaded, every word is one word, every phrase several, every value a number", (_code, lexicon) => {
    for (const [word, value] of [...Object.entries(lexicon.words), ...Object.entries(lexicon.events)]) {
      expect(word, word).toMatch(/^[\p{L}\p{N}]+$/u);
      expect(Number.isFinite(value), word).toBe(true);
    }
    for (const [phrase, value] of Object.entries(lexicon.phrases)) {
      expect(phrase.split(" ").length, phrase).toBeGreaterThan(1);
      expect(Number.isFinite(value), phrase).toBe(true);
    }
  });
});
