import type { Language, LanguageGuess, Sentiment, SentimentLabel } from "@papo/copilot";
import type { SentimentTrend } from "../../db/schema/conversation-insights.ts";

/** Weight of the newest message in the running score: recent messages matter most, one outlier does not flip it. */
const EMA_WEIGHT = 0.5;
/** A change of the running score smaller than this is "steady". */
const TREND_STEP = 0.15;
/** The running score's label bands (a lone mild word does not colour the whole conversation). */
const LABEL_BAND = 0.25;
/** A single message this negative, or two negative messages in a row, asks for a supervisor. */
export const STRONGLY_NEGATIVE_SCORE = -0.6;
/** Below this, a language guess does not replace the one the conversation has. */
const LANGUAGE_CONFIDENCE = 0.5;

export interface ConversationMood {
  language: Language | null;
  sentimentScore: number | null;
  sentimentLabel: SentimentLabel | null;
  sentimentTrend: SentimentTrend | null;
  negativeStreak: number;
  needsAttention: boolean;
}

export const NEUTRAL_MOOD: ConversationMood = {
  language: null,
  sentimentScore: null,
  sentimentLabel: null,
  sentimentTrend: null,
  negativeStreak: 0,
  needsAttention: false,
};

const labelOf = (score: number): SentimentLabel => (score <= -LABEL_BAND ? "negative" : score >= LABEL_BAND ? "positive" : "neutral");

/**
 * Folds one inbound message's findings into the conversation's mood. `needsAttention` turns on when the customer is
 * strongly negative while a person handles the conversation and it waits for an answer; once on it stays on until an
 * answer clears it (`clearAttention`), so supervisors are alerted once per episode.
 */
export function nextMood(
  previous: ConversationMood,
  message: { language: LanguageGuess | null; sentiment: Sentiment | null },
  conversation: { waitingForAnswer: boolean; handledByHuman: boolean },
): ConversationMood {
  const language =
    message.language?.language && message.language.confidence >= LANGUAGE_CONFIDENCE ? message.language.language : previous.language;
  if (!message.sentiment) return { ...previous, language };
  const score =
    previous.sentimentScore === null
      ? message.sentiment.score
      : EMA_WEIGHT * message.sentiment.score + (1 - EMA_WEIGHT) * previous.sentimentScore;
  const delta = previous.sentimentScore === null ? 0 : score - previous.sentimentScore;
  const trend: SentimentTrend = delta > TREND_STEP ? "improving" : delta < -TREND_STEP ? "worsening" : "steady";
  const negativeStreak = message.sentiment.label === "negative" ? previous.negativeStreak + 1 : 0;
  const stronglyNegative = message.sentiment.score <= STRONGLY_NEGATIVE_SCORE || negativeStreak >= 2;
  return {
    language,
    sentimentScore: Math.round(score * 1000) / 1000,
    sentimentLabel: labelOf(score),
    sentimentTrend: trend,
    negativeStreak,
    needsAttention: previous.needsAttention || (stronglyNegative && conversation.waitingForAnswer && conversation.handledByHuman),
  };
}
