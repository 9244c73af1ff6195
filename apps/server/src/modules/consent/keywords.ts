import { type ConsentLanguage, consentLanguages } from "../../db/schema/consent-settings.ts";
import type { ConsentSettings } from "./defaults.ts";

/**
 * The form keywords are compared in: accents and case folded, punctuation counted as a space, spaces collapsed and
 * trimmed. "¡Baja!", " parar. " and "Cancelar, Suscripción" become "baja", "parar" and "cancelar suscripcion".
 */
export function foldKeyword(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[\s\p{P}]+/gu, " ")
    .trim();
}

export type KeywordMatch = { kind: "opt_out" | "opt_in"; language: ConsentLanguage };

/** The default language first, then the others in their usual order. */
const languagesFor = (settings: ConsentSettings): ConsentLanguage[] => [
  settings.defaultLanguage,
  ...consentLanguages.filter((l) => l !== settings.defaultLanguage),
];

/**
 * Whether a whole message is an opt-out or opt-in keyword, and in which language (the reply's). Only the whole message
 * counts: "quero sair da lista" is a sentence, not a keyword (add it to the list to make it one). A keyword in several
 * languages' lists answers in the default language when it is one of them.
 */
export function matchKeyword(settings: ConsentSettings, text: string): KeywordMatch | undefined {
  if (!settings.enabled) return undefined;
  const folded = foldKeyword(text);
  if (!folded) return undefined;
  for (const kind of ["opt_out", "opt_in"] as const) {
    const lists = kind === "opt_out" ? settings.optOutKeywords : settings.optInKeywords;
    for (const language of languagesFor(settings)) {
      if (lists[language].some((keyword) => foldKeyword(keyword) === folded)) return { kind, language };
    }
  }
  return undefined;
}
