import { featureCatalogue } from "../feature-catalogue.ts";

/** Messages of the conversation feature; keys start with "conversation.". */
export const conversationCatalogue = featureCatalogue({
  "pt-BR": {},
  en: {},
  es: {},
});
