import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

describe("built-in language detection", () => {
  it.each([
    ["oi", "pt"],
    ["obg", "pt"],
    ["vc pode me ajudar", "pt"],
    ["tudo bem?", "pt"],
    ["cadê meu pedido", "pt"],
    ["Olá, meu pedido não chegou", "pt"],
    ["gracias", "es"],
    ["hola, necesito ayuda", "es"],
    ["mañana", "es"],
    ["Hola, mi pedido no llegó", "es"],
    ["thanks", "en"],
    ["where is my order", "en"],
    ["Hi, my order did not arrive", "en"],
  ])("when the customer writes %j, the language is %s", (text, language) => {
    const guess = detectLanguage(text);
    expect(guess.language).toBe(language);
    expect(guess.confidence).toBeGreaterThanOrEqual(0.4);
  });

  it.each(["ok", "123", "😀👍", "", "   ", "kk", "https://example.com"])("when the text is %j, the language is unknown", (text) => {
    const guess = detectLanguage(text);
    expect(guess.language).toBeNull();
    expect(guess.confidence).toBeLessThan(0.4);
  });

  it("when a message is a full sentence, the guess is surer than for a single word", () => {
    expect(detectLanguage("O pedido chegou quebrado e ninguém responde").confidence).toBeGreaterThan(detectLanguage("sim").confidence);
    expect(detectLanguage("sim").confidence).toBeLessThanOrEqual(0.7);
  });

  it("when a lone ñ stands for não, the message is still Portuguese", () => {
    expect(detectLanguage("ñ chegou ainda").language).toBe("pt");
  });
});
