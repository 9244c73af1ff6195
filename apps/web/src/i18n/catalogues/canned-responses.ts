import { featureCatalogue } from "../feature-catalogue.ts";

/** Messages of the canned-responses feature; keys start with "canned-responses.". */
export const cannedResponsesCatalogue = featureCatalogue({
  "pt-BR": {},
  en: {},
  es: {},
});
