import { featureCatalogue } from "../feature-catalogue.ts";

/** Messages of the inbox feature; keys start with "inbox.". */
export const inboxCatalogue = featureCatalogue({
  "pt-BR": {},
  en: {},
  es: {},
});
