import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { ConsentLanguage, ConsentPurpose, ConsentSource, CurrentConsent } from "../api/types.ts";

/** Catalogue keys of the API's values, spelled out so every key is findable in the source. */
export const purposeLabel: Record<ConsentPurpose, TranslationKey> = {
  service: "consent.purpose.service",
  marketing: "consent.purpose.marketing",
};

export const stateLabel: Record<CurrentConsent["state"], TranslationKey> = {
  granted: "consent.state.granted",
  withdrawn: "consent.state.withdrawn",
  unknown: "consent.state.unknown",
};

export const sourceLabel: Record<ConsentSource, TranslationKey> = {
  api: "consent.source.api",
  console: "consent.source.console",
  import: "consent.source.import",
  campaign_form: "consent.source.campaign_form",
  opt_out_keyword: "consent.source.opt_out_keyword",
  opt_in_keyword: "consent.source.opt_in_keyword",
};

export const languageLabel: Record<ConsentLanguage, TranslationKey> = {
  "pt-BR": "consent.admin.language.pt-BR",
  en: "consent.admin.language.en",
  es: "consent.admin.language.es",
};
