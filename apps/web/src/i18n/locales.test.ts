import { describe, expect, it } from "vitest";
import { dictionaries, locales } from "./locales.ts";
import { coreKeys, featureCatalogues, ptBR } from "./pt-BR.ts";
import { apiErrorKey, createTranslate } from "./translate.ts";

const reference = Object.keys(ptBR).sort();
const variables = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Every code in docs/errors.md, plus the console's own (network.error, request.failed) and one the server sends
// that the document does not list yet (conversations.already_open).
const API_ERROR_CODES = [
  "auth.missing_token",
  "auth.invalid_token",
  "auth.invalid_credentials",
  "auth.forbidden",
  "auth.locked",
  "auth.invalid_refresh_token",
  "auth.invalid_mfa_token",
  "auth.invalid_mfa_code",
  "auth.wrong_password",
  "auth.mfa_already_enabled",
  "auth.mfa_not_set_up",
  "auth.mfa_not_enabled",
  "auth.mfa_required",
  "sessions.not_found",
  "request.invalid",
  "request.invalid_json",
  "request.invalid_cursor",
  "request.too_large",
  "request.unsupported_media_type",
  "request.rate_limited",
  "route.not_found",
  "channels.not_found",
  "contacts.not_found",
  "conversations.not_found",
  "canned_responses.not_found",
  "canned_responses.shortcut_taken",
  "users.not_found",
  "users.weak_password",
  "users.email_taken",
  "users.cannot_change_self",
  "users.last_admin",
  "contact_notes.not_found",
  "messages.not_found",
  "media.not_found",
  "channels.phone_number_taken",
  "channels.token_required",
  "channels.whatsapp_error",
  "channels.unknown_member",
  "contacts.duplicate",
  "contacts.no_whatsapp_id",
  "conversations.invalid_assignee",
  "conversations.already_open",
  "audit.invalid_range",
  "messages.window_closed",
  "messages.invalid",
  "messages.target_not_found",
  "messages.target_not_sent",
  "media.multipart_required",
  "media.file_required",
  "media.too_large",
  "media.unsupported",
  "media.type_mismatch",
  "media.pending",
  "media.failed",
  "webhook.invalid_signature",
  "webhook.invalid_json",
  "webhook.verification_failed",
  "internal.error",
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
