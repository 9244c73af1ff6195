/**
 * Scores engine output against the hand labels. Pure functions, so the figures printed by `npm run eval:copilot` and
 * the floors asserted in CI come from the same arithmetic.
 */
import { type Language, languages, type SentimentLabel, sentimentLabels } from "@papo/copilot";

/** What the engine answered for one labelled message. */
export interface Observation {
  id: string;
  text: string;
  /** The labelled language (the conversation's language). */
  language: Language;
  expected: { sentiment: SentimentLabel; wantsHuman: boolean; article: string | null };
  predicted: {
    language: Language | null;
    sentiment: SentimentLabel;
    wantsHuman: boolean;
    /** Article ids in rank order (at most the retrieval limit). */
    articles: string[];
  };
}

export interface Ratio {
  hits: number;
  total: number;
  /** hits / total; null when there is nothing to measure (a rate of an empty set is not 0 or 1). */
  rate: number | null;
}

/** confusion[expected][predicted] = count */
export type ConfusionMatrix = Record<SentimentLabel, Record<SentimentLabel, number>>;

export interface HandoffMetrics {
  /** Messages asking for a person that the engine flagged. */
  recall: Ratio;
  /** Messages NOT asking for a person that the engine flagged anyway (hits = false handoffs). */
  falseHandoffRate: Ratio;
}

export interface FeatureScores {
  items: number;
  languageAccuracy: Ratio;
  sentimentAccuracy: Ratio;
  sentimentConfusion: ConfusionMatrix;
  handoff: HandoffMetrics;
  /** Only messages labelled with an article. */
  articleTop1: Ratio;
  articleTop3: Ratio;
}

export interface Scorecard {
  overall: FeatureScores;
  byLanguage: Record<Language, FeatureScores>;
}

export function ratio(hits: number, total: number): Ratio {
  return { hits, total, rate: total === 0 ? null : hits / total };
}

export function confusionMatrix(pairs: ReadonlyArray<{ expected: SentimentLabel; predicted: SentimentLabel }>): ConfusionMatrix {
  const matrix = Object.fromEntries(
    sentimentLabels.map((expected) => [expected, Object.fromEntries(sentimentLabels.map((predicted) => [predicted, 0]))]),
  ) as ConfusionMatrix;
  for (const { expected, predicted } of pairs) matrix[expected][predicted] += 1;
  return matrix;
}

export function handoffMetrics(pairs: ReadonlyArray<{ expected: boolean; predicted: boolean }>): HandoffMetrics {
  const wanted = pairs.filter((pair) => pair.expected);
  const notWanted = pairs.filter((pair) => !pair.expected);
  return {
    recall: ratio(wanted.filter((pair) => pair.predicted).length, wanted.length),
    falseHandoffRate: ratio(notWanted.filter((pair) => pair.predicted).length, notWanted.length),
  };
}

/** Share of messages with a labelled article whose article is among the first `k` retrieved. */
export function topKAccuracy(pairs: ReadonlyArray<{ expected: string | null; ranked: readonly string[] }>, k: number): Ratio {
  const answerable = pairs.filter((pair): pair is { expected: string; ranked: readonly string[] } => pair.expected !== null);
  return ratio(answerable.filter((pair) => pair.ranked.slice(0, k).includes(pair.expected)).length, answerable.length);
}

export function scoreFeatures(observations: readonly Observation[]): FeatureScores {
  const sentimentPairs = observations.map((o) => ({ expected: o.expected.sentiment, predicted: o.predicted.sentiment }));
  const articlePairs = observations.map((o) => ({ expected: o.expected.article, ranked: o.predicted.articles }));
  return {
    items: observations.length,
    languageAccuracy: ratio(observations.filter((o) => o.predicted.language === o.language).length, observations.length),
    sentimentAccuracy: ratio(sentimentPairs.filter((pair) => pair.expected === pair.predicted).length, sentimentPairs.length),
    sentimentConfusion: confusionMatrix(sentimentPairs),
    handoff: handoffMetrics(observations.map((o) => ({ expected: o.expected.wantsHuman, predicted: o.predicted.wantsHuman }))),
    articleTop1: topKAccuracy(articlePairs, 1),
    articleTop3: topKAccuracy(articlePairs, 3),
  };
}

export function scorecard(observations: readonly Observation[]): Scorecard {
  const byLanguage = Object.fromEntries(
    languages.map((language) => [language, scoreFeatures(observations.filter((o) => o.language === language))]),
  ) as Record<Language, FeatureScores>;
  return { overall: scoreFeatures(observations), byLanguage };
}

export const features = ["language", "sentiment", "handoff", "article"] as const;
export type Feature = (typeof features)[number];

export interface Failure {
  id: string;
  text: string;
  expected: string;
  got: string;
}

/** The messages each feature got wrong, for the report's "where it fails" (first `limit` per feature and language). */
export function failures(observations: readonly Observation[], limit: number): Record<Feature, Failure[]> {
  const pick = (wrong: (o: Observation) => boolean, describe: (o: Observation) => { expected: string; got: string }): Failure[] =>
    languages.flatMap((language) =>
      observations
        .filter((o) => o.language === language && wrong(o))
        .slice(0, limit)
        .map((o) => ({ id: o.id, text: o.text, ...describe(o) })),
    );
  return {
    language: pick(
      (o) => o.predicted.language !== o.language,
      (o) => ({ expected: o.language, got: String(o.predicted.language) }),
    ),
    sentiment: pick(
      (o) => o.predicted.sentiment !== o.expected.sentiment,
      (o) => ({ expected: o.expected.sentiment, got: o.predicted.sentiment }),
    ),
    handoff: pick(
      (o) => o.predicted.wantsHuman !== o.expected.wantsHuman,
      (o) => ({
        expected: o.expected.wantsHuman ? "handoff" : "no handoff",
        got: o.predicted.wantsHuman ? "handoff" : "no handoff",
      }),
    ),
    article: pick(
      (o) => o.expected.article !== null && !o.predicted.articles.slice(0, 3).includes(o.expected.article),
      (o) => ({ expected: String(o.expected.article), got: o.predicted.articles.join(", ") || "(nothing)" }),
    ),
  };
}
