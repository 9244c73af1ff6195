import type { Locale } from "../../../i18n/locales.ts";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { CopilotEngine, CopilotLanguage, SentimentLabel } from "../../../lib/api-types.ts";
import type { HandoffReason, RewriteStyle } from "../api/types.ts";

/*
 * The catalogue keys of the values the server sends, written out so the compiler and the catalogue test see each one.
 */

/** The copilot's language for the console's locale: the agent reads translations in it. */
export function agentLanguage(locale: Locale): CopilotLanguage {
  return locale === "pt-BR" ? "pt" : locale;
}

export const ENGINE_LABELS: Record<CopilotEngine, TranslationKey> = {
  provider: "copilot.engine.provider",
  builtin: "copilot.engine.builtin",
};

export const LANGUAGE_LABELS: Record<CopilotLanguage, TranslationKey> = {
  pt: "copilot.language.pt",
  en: "copilot.language.en",
  es: "copilot.language.es",
};

export const SENTIMENT_LABELS: Record<SentimentLabel, TranslationKey> = {
  negative: "copilot.sentiment.negative",
  neutral: "copilot.sentiment.neutral",
  positive: "copilot.sentiment.positive",
};

export const SENTIMENT_EMOJI: Record<SentimentLabel, string> = { negative: "☹️", neutral: "😐", positive: "🙂" };

export const TREND_LABELS: Record<"improving" | "worsening" | "steady", TranslationKey> = {
  improving: "copilot.sentiment.trend.improving",
  worsening: "copilot.sentiment.trend.worsening",
  steady: "copilot.sentiment.trend.steady",
};

export const REWRITE_LABELS: Record<RewriteStyle, TranslationKey> = {
  formal: "copilot.tools.rewrite.formal",
  friendly: "copilot.tools.rewrite.friendly",
  shorter: "copilot.tools.rewrite.shorter",
  fix: "copilot.tools.rewrite.fix",
};

export const HANDOFF_REASON_LABELS: Record<HandoffReason, TranslationKey> = {
  customer_request: "copilot.handoff.reason.customer_request",
  negative_sentiment: "copilot.handoff.reason.negative_sentiment",
  unsure: "copilot.handoff.reason.unsure",
  human_only_topic: "copilot.handoff.reason.human_only_topic",
  outside_business_hours: "copilot.handoff.reason.outside_business_hours",
  agent_request: "copilot.handoff.reason.agent_request",
  bot_unavailable: "copilot.handoff.reason.bot_unavailable",
};

export const FALLBACK_LABELS: Record<
  "not_configured" | "disabled" | "timeout" | "error" | "budget_exhausted" | "unsupported",
  TranslationKey
> = {
  not_configured: "copilot.fallback.not_configured",
  disabled: "copilot.fallback.disabled",
  timeout: "copilot.fallback.timeout",
  error: "copilot.fallback.error",
  budget_exhausted: "copilot.fallback.budget_exhausted",
  unsupported: "copilot.fallback.unsupported",
};
