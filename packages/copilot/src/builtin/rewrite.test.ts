import { describe, expect, it } from "vitest";
import type { Language, RewriteStyle } from "../types.ts";
import { builtinRewriteStyles, rewriteBuiltin } from "./rewrite.ts";

const cases: Array<[string, RewriteStyle, Language, string]> = [
  ["vc pode me mandar o comprovante tb ?", "fix", "pt", "Você pode me mandar o comprovante também?"],
  ["oi blz? q horas vc abre!!!", "fix", "pt", "Oi blz? Que horas você abre!"],
  ["Pq n chegou ainda???", "fix", "pt", "Por que não chegou ainda?"],
  ["ja enviei pq vc pediu", "fix", "pt", "Já enviei porque você pediu."],
  ["obg pela msg , ja vi", "fix", "pt", "Obrigado pela mensagem, já vi."],
  ["pedido n 5", "fix", "pt", "Pedido n 5."],
  ["u can track it here https://loja.com/track?id=5 pls", "fix", "en", "You can track it here https://loja.com/track?id=5 please."],
  ["hey, thx!! i will check tmrw", "fix", "en", "Hey, thanks! I will check tomorrow."],
  ["q paso con tu pedido?xq no llego", "fix", "es", "Que paso con tu pedido? Porque no llego."],
  ["gracias, tmb te mando el msj", "fix", "es", "Gracias, también te mando el mensaje."],
  ["oi, tá tudo certo pra amanhã kkkk 😊", "formal", "pt", "Olá, está tudo certo para amanhã."],
  ["ok, vou ver pro senhor", "formal", "pt", "Certo, vou ver para o senhor."],
  ["deixa q eu vejo. vlw tmj", "formal", "pt", "Deixa que eu vejo. Obrigado."],
  ["hey ok gonna check it lol 👍", "formal", "en", "Hello, understood going to check it."],
  ["dale, porfa espera jaja", "formal", "es", "De acuerdo, por favor espera."],
];

describe("built-in rewrite", () => {
  it.each(cases)("when %j is rewritten %s (%s), it reads %j", (text, style, language, expected) => {
    expect(rewriteBuiltin(text, style, language)).toBe(expected);
  });

  it("when the style needs a model (friendly, shorter), the rules give null", () => {
    expect(rewriteBuiltin("oi", "friendly", "pt")).toBeNull();
    expect(rewriteBuiltin("oi", "shorter", "en")).toBeNull();
    expect([...builtinRewriteStyles].sort()).toEqual(["fix", "formal"]);
  });

  it("when a text is already clean, fixing it changes nothing", () => {
    const clean = "Seu pedido já saiu para entrega. Chega amanhã!";
    expect(rewriteBuiltin(clean, "fix", "pt")).toBe(clean);
    expect(rewriteBuiltin(rewriteBuiltin("vc tb?", "fix", "pt") ?? "", "fix", "pt")).toBe("Você também?");
  });

  it("when the text is blank, the rewrite is empty", () => {
    expect(rewriteBuiltin("   ", "fix", "pt")).toBe("");
  });
});
