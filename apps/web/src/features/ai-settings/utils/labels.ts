import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { BotLanguage, CopilotFeature, WeekDay } from "../api/types.ts";

export const featureLabel: Record<CopilotFeature, { label: TranslationKey; hint: TranslationKey }> = {
  suggestions: { label: "ai.feature.suggestions", hint: "ai.feature.suggestions.hint" },
  sentiment: { label: "ai.feature.sentiment", hint: "ai.feature.sentiment.hint" },
  summary: { label: "ai.feature.summary", hint: "ai.feature.summary.hint" },
  rewrite: { label: "ai.feature.rewrite", hint: "ai.feature.rewrite.hint" },
  translation: { label: "ai.feature.translation", hint: "ai.feature.translation.hint" },
  transcription: { label: "ai.feature.transcription", hint: "ai.feature.transcription.hint" },
  bot: { label: "ai.feature.bot", hint: "ai.feature.bot.hint" },
};

export const dayLabel: Record<WeekDay, TranslationKey> = {
  mon: "bot-settings.day.mon",
  tue: "bot-settings.day.tue",
  wed: "bot-settings.day.wed",
  thu: "bot-settings.day.thu",
  fri: "bot-settings.day.fri",
  sat: "bot-settings.day.sat",
  sun: "bot-settings.day.sun",
};

export const botLanguageLabel: Record<BotLanguage, TranslationKey> = {
  pt: "bot-settings.language.pt",
  en: "bot-settings.language.en",
  es: "bot-settings.language.es",
};
