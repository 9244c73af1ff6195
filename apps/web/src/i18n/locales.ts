import { en } from "./en.ts";
import { es } from "./es.ts";
import { ptBR } from "./pt-BR.ts";
import type { Dictionary } from "./translate.ts";

export const locales = ["pt-BR", "en", "es"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "pt-BR";

export const dictionaries: Record<Locale, Dictionary> = { "pt-BR": ptBR, en, es };

export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}
