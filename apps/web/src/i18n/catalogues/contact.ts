import { featureCatalogue } from "../feature-catalogue.ts";

/** Messages of the contact feature; keys start with "contact.". */
export const contactCatalogue = featureCatalogue({
  "pt-BR": {},
  en: {},
  es: {},
});
