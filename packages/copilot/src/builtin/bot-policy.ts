import { stemsOf } from "../text/tokenize.ts";
import type { BotAnswer, BotDecision, HandoffRequest, Language, RetrievalHit, Sentiment } from "../types.ts";
import { clarifyingQuestion } from "./bot-texts.ts";
import { documentWords, expandedWords, termsOfWord } from "./knowledge-text.ts";

export interface BotRules {
  /** Minimum answer confidence to answer (0..1, default 0.5). */
  confidenceThreshold: number;
  /** Topics (words or phrases) that always go to a person ("cancelamento", "reembolso", "refund"). */
  humanOnlyTopics: string[];
  /** Hand off when the message's sentiment is negative with at least this strength (score <= -value), default 0.5. */
  negativeSentimentThreshold: number;
  /** false = outside the channel's business hours: hand off (a person answers when the team is back). */
  withinBusinessHours: boolean;
}

export interface BotState {
  /** Clarifying questions the bot has asked in this conversation since its last confident answer. */
  clarifications: number;
}

/**
 * The configured human-only topic the text is about, if any. Words are compared folded and by stem, so the topic
 * "cancelamento" catches "quero cancelar" and "reembolso" catches "reembolsos"; a phrase matches when all its words
 * occur (in any order, WhatsApp word order being loose).
 */
export function matchHumanOnlyTopic(text: string, topics: readonly string[]): string | null {
  const messageTerms = new Set(expandedWords(text).flatMap((word) => [word, ...stemsOf(word)]));
  for (const topic of topics) {
    const topicWords = documentWords(topic);
    if (topicWords.length === 0) continue;
    if (topicWords.every((word) => termsOfWord(word).some((term) => messageTerms.has(term)))) return topic.trim();
  }
  return null;
}

/**
 * The hybrid bot's policy for one customer message, deterministic and in this order: the customer asks for a person;
 * outside business hours; a human-only topic; strongly negative sentiment; a confident answer; one clarifying question
 * (naming the two best candidate topics); and when still unsure after it, a person.
 *
 * `hits` (optional) are the retrieved candidates the clarifying question names; without them it names the answer's
 * citation, if any.
 */
export function decideBotTurn(input: {
  text: string;
  language: Language;
  sentiment: Sentiment;
  handoff: HandoffRequest;
  answer: BotAnswer | null;
  state: BotState;
  rules: BotRules;
  hits?: RetrievalHit[];
}): BotDecision {
  const { text, language, sentiment, handoff, answer, state, rules } = input;
  if (handoff.wantsHuman || answer?.wantsHuman) {
    return { action: "handoff", reason: "customer_request", ...(handoff.matched ? { detail: handoff.matched } : {}) };
  }
  if (!rules.withinBusinessHours) return { action: "handoff", reason: "outside_business_hours" };
  const topic = matchHumanOnlyTopic(text, rules.humanOnlyTopics);
  if (topic) return { action: "handoff", reason: "human_only_topic", detail: topic };
  if (sentiment.score <= -rules.negativeSentimentThreshold) {
    return { action: "handoff", reason: "negative_sentiment", detail: `sentiment ${sentiment.score.toFixed(2)}` };
  }
  if (answer && answer.text.trim() !== "" && answer.confidence >= rules.confidenceThreshold) return { action: "answer", answer };
  if (state.clarifications === 0) {
    const titles = (input.hits ?? []).map((hit) => hit.title);
    if (titles.length === 0 && answer?.citation) titles.push(answer.citation.title);
    return { action: "clarify", text: clarifyingQuestion(language, titles.slice(0, 2)) };
  }
  return { action: "handoff", reason: "unsure", ...(answer ? { detail: `confidence ${answer.confidence.toFixed(2)}` } : {}) };
}
