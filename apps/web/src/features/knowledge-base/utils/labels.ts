import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { ArticleLanguage, RetrievalHit } from "../api/types.ts";

export const languageLabel: Record<ArticleLanguage, TranslationKey> = { pt: "kb.language.pt", en: "kb.language.en", es: "kb.language.es" };

export const hitKindLabel: Record<RetrievalHit["kind"], TranslationKey> = {
  article: "kb.kind.article",
  canned: "kb.kind.canned",
  past_reply: "kb.kind.past_reply",
};

/** What to say under a field the server refused (`request.invalid` names it). */
export const invalidFieldLabel = {
  title: "kb.field.title.invalid",
  body: "kb.field.body.invalid",
  tags: "kb.field.tags.invalid",
  phrasings: "kb.field.phrasings.invalid",
  language: "kb.field.language.invalid",
} as const satisfies Record<string, TranslationKey>;
