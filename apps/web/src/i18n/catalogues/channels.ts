import { featureCatalogue } from "../feature-catalogue.ts";

/** Messages of the channels feature; keys start with "channels.". */
export const channelsCatalogue = featureCatalogue({
  "pt-BR": {},
  en: {},
  es: {},
});
