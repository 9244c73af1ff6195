import { featureCatalogue } from "../feature-catalogue.ts";

/** Messages of the users feature; keys start with "users.". */
export const usersCatalogue = featureCatalogue({
  "pt-BR": {},
  en: {},
  es: {},
});
