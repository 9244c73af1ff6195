import { describe, expect, it } from "vitest";
import { type ConsentSettings, DEFAULT_CONSENT_SETTINGS } from "./defaults.ts";
import { foldKeyword, matchKeyword } from "./keywords.ts";

const settings = (overrides: Partial<ConsentSettings> = {}): ConsentSettings => ({ ...DEFAULT_CONSENT_SETTINGS, ...overrides });

describe("foldKeyword", () => {
  it("when a text has accents, case, punctuation or extra spaces, they are folded away", () => {
    expect(foldKeyword("  Parar!  ")).toBe("parar");
    expect(foldKeyword("¡BAJA!")).toBe("baja");
    expect(foldKeyword("Cancelar   Suscripción.")).toBe("cancelar suscripcion");
    expect(foldKeyword("Sair da lista, por favor")).toBe("sair da lista por favor");
    expect(foldKeyword("DESCADASTRAR...")).toBe("descadastrar");
  });

  it("when the text is only punctuation, nothing is left", () => {
    expect(foldKeyword(" ?!. ")).toBe("");
  });
});

describe("matchKeyword", () => {
  it("when the whole message is a default opt-out keyword in any case or accent, it matches with its language", () => {
    expect(matchKeyword(settings(), "SAIR")).toEqual({ kind: "opt_out", language: "pt-BR" });
    expect(matchKeyword(settings(), "Parar!")).toEqual({ kind: "opt_out", language: "pt-BR" });
    expect(matchKeyword(settings(), "stop")).toEqual({ kind: "opt_out", language: "en" });
    expect(matchKeyword(settings(), "baja")).toEqual({ kind: "opt_out", language: "es" });
    expect(matchKeyword(settings(), "cancelar suscripcion")).toEqual({ kind: "opt_out", language: "es" });
  });

  it("when the keyword sits inside a sentence, it does not match", () => {
    expect(matchKeyword(settings(), "sair da lista por favor")).toBeUndefined();
    expect(matchKeyword(settings(), "quero parar de receber")).toBeUndefined();
    expect(matchKeyword(settings(), "stop sending me this")).toBeUndefined();
    expect(matchKeyword(settings(), "Olá")).toBeUndefined();
  });

  it("when the sentence itself is configured as a keyword, it matches", () => {
    const custom = settings({ optOutKeywords: { "pt-BR": ["Sair da lista, por favor"], en: [], es: [] } });
    expect(matchKeyword(custom, "sair da lista, por favor!")).toEqual({ kind: "opt_out", language: "pt-BR" });
    expect(matchKeyword(custom, "SAIR")).toBeUndefined();
  });

  it("when a keyword is in several languages' lists, the default language answers; otherwise the first list that has it", () => {
    expect(matchKeyword(settings(), "CANCELAR")).toEqual({ kind: "opt_out", language: "pt-BR" });
    expect(matchKeyword(settings({ defaultLanguage: "es" }), "CANCELAR")).toEqual({ kind: "opt_out", language: "es" });
    expect(matchKeyword(settings({ defaultLanguage: "en" }), "CANCELAR")).toEqual({ kind: "opt_out", language: "pt-BR" });
  });

  it("when the message is an opt-in keyword, it matches as opt-in", () => {
    expect(matchKeyword(settings(), "Voltar")).toEqual({ kind: "opt_in", language: "pt-BR" });
    expect(matchKeyword(settings(), "START")).toEqual({ kind: "opt_in", language: "en" });
    expect(matchKeyword(settings(), "alta")).toEqual({ kind: "opt_in", language: "es" });
  });

  it("when the switch is off, nothing matches", () => {
    expect(matchKeyword(settings({ enabled: false }), "SAIR")).toBeUndefined();
    expect(matchKeyword(settings({ enabled: false }), "VOLTAR")).toBeUndefined();
  });
});
