import { Badge } from "../../../components/ui/badge.tsx";
import { useFormat, useT } from "../../../i18n/i18n.tsx";
import type { ConversationAi, Message } from "../../../lib/api-types.ts";
import { ENGINE_LABELS, SENTIMENT_EMOJI, SENTIMENT_LABELS, TREND_LABELS } from "../utils/labels.ts";

const TONES = { negative: "danger", neutral: "neutral", positive: "info" } as const;

/** The conversation's mood and where it is heading, for list rows and the header: "Sentimento: negativo, piorando". */
export function SentimentBadge({ ai }: { ai: ConversationAi | null | undefined }) {
  const t = useT();
  const sentiment = ai?.sentiment;
  if (!sentiment) return null;
  const label = t("copilot.sentiment.conversation", {
    label: t(SENTIMENT_LABELS[sentiment.label]),
    trend: t(TREND_LABELS[sentiment.trend]),
  });
  const arrow = sentiment.trend === "worsening" ? "↘" : sentiment.trend === "improving" ? "↗" : "";
  return (
    <Badge tone={TONES[sentiment.label]} title={label}>
      <span aria-hidden="true">
        {SENTIMENT_EMOJI[sentiment.label]}
        {arrow}
      </span>
      <span className="sr-only">{label}</span>
    </Badge>
  );
}

/** The marker of a conversation a supervisor should look at (strongly negative and waiting for an answer). */
export function AttentionMarker({ ai }: { ai: ConversationAi | null | undefined }) {
  const t = useT();
  if (!ai?.needsAttention) return null;
  return (
    <Badge tone="danger" title={t("copilot.attention.hint")}>
      <span aria-hidden="true">!</span>
      {t("copilot.attention")}
      <span className="sr-only">{t("copilot.attention.hint")}</span>
    </Badge>
  );
}

/** A subtle dot beside a customer message's time; its tooltip and accessible name say label, score and engine. */
export function MessageSentiment({ message }: { message: Message }) {
  const t = useT();
  const format = useFormat();
  const sentiment = message.insights?.sentiment;
  if (!sentiment || message.direction !== "inbound") return null;
  const parts = [
    t("copilot.sentiment.message", {
      label: t(SENTIMENT_LABELS[sentiment.label]),
      score: format.number(Math.round(sentiment.score * 100) / 100),
    }),
    t(ENGINE_LABELS[sentiment.engine]),
    ...(sentiment.lowConfidence ? [t("copilot.sentiment.low-confidence")] : []),
  ];
  const label = parts.join(" · ");
  const colour =
    sentiment.label === "negative" ? "bg-red-500" : sentiment.label === "positive" ? "bg-emerald-500" : "bg-slate-400 dark:bg-slate-500";
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className={`inline-block size-2 rounded-full ${colour} ${sentiment.lowConfidence ? "opacity-50" : ""}`}
    />
  );
}
