import { createContext, type ReactNode, useContext, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { KeyValueStore } from "../lib/key-value-store.ts";
import { createPreference } from "../lib/preference.ts";
import { createFormat, type Format } from "./format.ts";
import { defaultLocale, dictionaries, isLocale, type Locale } from "./locales.ts";
import { apiErrorKey, createTranslate, type Translate } from "./translate.ts";

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  format: Format;
}

const I18nContext = createContext<I18n | null>(null);

/** Provides the catalogue of the chosen language (persisted; pt-BR by default) and `Intl` formatters for it. */
export function I18nProvider({ store, children }: { store: KeyValueStore; children: ReactNode }) {
  const [preference] = useState(() =>
    createPreference<Locale>({
      store,
      key: "papo.locale",
      parse: (raw) => (isLocale(raw) ? raw : undefined),
      fallback: () => defaultLocale,
    }),
  );
  const locale = useSyncExternalStore(preference.subscribe, preference.get);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale: preference.set, t: createTranslate(dictionaries[locale]), format: createFormat(locale) }),
    [locale, preference],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("i18n hooks used outside <I18nProvider>");
  return i18n;
}

/** `t("inbox.title")`, `t("inbox.unread", { count: 3 })`. */
export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): { locale: Locale; setLocale(locale: Locale): void } {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}

export function useFormat(): Format {
  return useI18n().format;
}

/** The agent-readable text of any error: an API code through `api-errors.<code>`, anything else as the generic one. */
export function useErrorText(): (error: unknown) => string {
  const t = useT();
  return (error) => {
    const code = typeof error === "object" && error !== null && "code" in error ? (error as { code: unknown }).code : undefined;
    return t(typeof code === "string" ? apiErrorKey(code) : "api-errors.unknown");
  };
}
