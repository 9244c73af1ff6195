import { describe, expect, it } from "vitest";
import { isIndexable, messageTextTerms, normalizeWord, searchWords, stemsOf, wordSpans } from "./tokenize.ts";

describe("shared text normalisation", () => {
  it("when a word is typed with accents or capitals, it folds to the same word", () => {
    expect(normalizeWord("NÃO")).toBe("nao");
    expect(normalizeWord("Ñandú")).toBe("nandu");
    expect(normalizeWord("x".repeat(60))).toHaveLength(40);
  });

  it("when WhatsApp formatting wraps words, the spans point at the words in the original text", () => {
    const text = "*Olá* _mundo_";
    expect(wordSpans(text).map((span) => [span.word, text.slice(span.start, span.end)])).toEqual([
      ["ola", "Olá"],
      ["mundo", "mundo"],
    ]);
  });

  it("when a text has stop-words, negations stay searchable and stop-words do not", () => {
    expect(searchWords("o pedido não chegou")).toEqual(["pedido", "nao", "chegou"]);
    expect(isIndexable("the")).toBe(false);
  });

  it("when words are plural or conjugated, they share a stem in pt, es or en", () => {
    expect(stemsOf("pagamentos")).toEqual(expect.arrayContaining(stemsOf("pagamento")));
    expect(stemsOf("2024")).toEqual(["2024"]);
    expect(messageTextTerms(["pedidos"]).some((term) => term.kind === "stem")).toBe(true);
  });
});
