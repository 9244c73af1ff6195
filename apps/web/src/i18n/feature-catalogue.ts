/**
 * A feature's own messages, kept beside the feature so that screens can be added without all editing one file.
 * The pt-BR object is the reference; en and es must carry exactly its keys (the compiler checks here, and
 * locales.test.ts checks the merged catalogues).
 */
export interface FeatureCatalogue<Messages extends Record<string, string>> {
  "pt-BR": Messages;
  en: Record<keyof Messages, string>;
  es: Record<keyof Messages, string>;
}

export function featureCatalogue<Messages extends Record<string, string>>(
  catalogue: FeatureCatalogue<Messages>,
): FeatureCatalogue<Messages> {
  return catalogue;
}
