import { ptBR, type TranslationKey } from "./pt-BR.ts";

export type Dictionary = Record<TranslationKey, string>;
export type TranslationVars = Record<string, string | number>;
export type Translate = (key: TranslationKey, vars?: TranslationVars) => string;

export function isTranslationKey(key: string): key is TranslationKey {
  return Object.hasOwn(ptBR, key);
}

/** Looks a key up and fills its `{variables}`; a variable without a value stays visible as `{name}`. */
export function createTranslate(dictionary: Dictionary): Translate {
  return (key, vars) => {
    const template = dictionary[key] ?? ptBR[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

/** The catalogue key for an API error code (`api-errors.<code>`), or the generic one for codes this console does not know. */
export function apiErrorKey(code: string): TranslationKey {
  const key = `api-errors.${code}`;
  return isTranslationKey(key) ? key : "api-errors.unknown";
}
