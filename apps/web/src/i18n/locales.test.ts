import { describe, expect, it } from "vitest";
import documented from "../../../../docs/errors.md?raw";
import { dictionaries, locales } from "./locales.ts";
import { coreKeys, featureCatalogues, ptBR } from "./pt-BR.ts";
import { apiErrorKey, createTranslate } from "./translate.ts";

const reference = Object.keys(ptBR).sort();
const variables = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Every error code the API documents (docs/errors.md) — except `papo.*`, the reasons stored on a failed message, which
// the conversation shows from the message itself — plus the console's own (network.error, request.failed).
const API_ERROR_CODES = [
  ...new Set([...documented.matchAll(/^\| `([a-z_]+\.[a-z_.]+)`/gm)].map((m) => m[1] ?? "").filter((code) => !code.startsWith("papo."))),
  "network.error",
  "request.failed",
];

// Keys built at run time from a value (t(`message.status.${status}`)); a key under these prefixes counts as used.
const DYNAMIC_PREFIXES = ["api-errors.", "admin.section.", "message.status.", "conversation.status.", "live."];
const sources = import.meta.glob(["../**/*.{ts,tsx}", "!../**/*.test.{ts,tsx}", "!../i18n/**/*.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("locale catalogues", () => {
  it.each(locales)("when the locale is %s, it has exactly the pt-BR keys", (locale) => {
    expect(Object.keys(dictionaries[locale]).sort()).toEqual(reference);
  });

  it.each(locales)("when the locale is %s, every value is a non-empty string with the pt-BR variables", (locale) => {
    for (const key of reference) {
      const value: unknown = dictionaries[locale][key as keyof typeof ptBR];
      expect(typeof value === "string" && value.trim() !== "", `${locale} ${key}`).toBe(true);
      expect(variables(value as string), `${locale} ${key}`).toEqual(variables(ptBR[key as keyof typeof ptBR]));
    }
  });

  it("when features keep their own messages, no key is defined twice", () => {
    const all = [...coreKeys, ...featureCatalogues.flatMap((catalogue) => Object.keys(catalogue["pt-BR"]))];
    expect(all.filter((key, index) => all.indexOf(key) !== index)).toEqual([]);
    expect(all.length).toBe(reference.length);
  });

  it("when a key is in the catalogue, some source file uses it", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(40);
    const code = Object.values(sources).join("\n");
    const unused = reference.filter((key) => !DYNAMIC_PREFIXES.some((p) => key.startsWith(p)) && !code.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });

  it("when the API answers with any documented error code, the catalogue has its own message", () => {
    expect(API_ERROR_CODES.length).toBeGreaterThan(80);
    expect(API_ERROR_CODES.filter((code) => apiErrorKey(code) === "api-errors.unknown")).toEqual([]);
  });

  it("when an error code is unknown, the generic message is used", () => {
    const t = createTranslate(dictionaries.en);
    expect(t(apiErrorKey("papo.brand_new_code"))).toBe("Something went wrong. Please try again.");
  });

  it("when a message has variables, they are filled and missing ones stay visible", () => {
    const t = createTranslate(dictionaries.en);
    expect(t("inbox.unread", { count: 3 })).toBe("3 unread");
    expect(t("inbox.unread")).toBe("{count} unread");
  });
});
