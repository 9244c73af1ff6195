/**
 * Runs the engines over the evaluation set through @papo/copilot's public API and turns their answers into
 * observations for metrics.ts.
 */
import {
  analyzeSentiment,
  type Copilot,
  createKnowledgeIndex,
  detectHandoffRequest,
  detectLanguage,
  type EngineName,
  type FallbackReason,
  type KnowledgeArticle,
  type SentimentLabel,
} from "@papo/copilot";
import type { EvalItem } from "./dataset.ts";
import type { Observation } from "./metrics.ts";

export const retrievalLimit = 3;

/**
 * Each feature gets the labelled conversation language rather than the detected one: the server knows a conversation's
 * language from its history, and a detection miss would otherwise be counted against every feature at once.
 */
export function runBuiltinEngine(items: readonly EvalItem[], articles: KnowledgeArticle[]): Observation[] {
  const index = createKnowledgeIndex({ articles });
  return items.map((item) => ({
    id: item.id,
    text: item.text,
    language: item.language,
    expected: { sentiment: item.sentiment, wantsHuman: item.wantsHuman, article: item.article },
    predicted: {
      language: detectLanguage(item.text).language,
      sentiment: analyzeSentiment(item.text, item.language).label,
      wantsHuman: detectHandoffRequest(item.text, item.language).wantsHuman,
      articles: index
        .search(item.text, { language: item.language, limit: retrievalLimit, kinds: ["article"] })
        .filter((hit) => hit.kind === "article")
        .map((hit) => hit.id),
    },
  }));
}

export interface ProviderSentimentRun {
  pairs: Array<{ item: EvalItem; predicted: SentimentLabel }>;
  /** How many answers each engine gave: fallbacks to the built-in engine are counted, not hidden. */
  engines: Record<EngineName, number>;
  fallbacks: Partial<Record<FallbackReason, number>>;
  model: string | null;
}

/** Sentiment through the copilot facade (provider first, built-in on failure), a few requests at a time. */
export async function runProviderSentiment(items: readonly EvalItem[], copilot: Copilot, concurrency = 4): Promise<ProviderSentimentRun> {
  const run: ProviderSentimentRun = { pairs: [], engines: { builtin: 0, provider: 0 }, fallbacks: {}, model: null };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item === undefined) return;
      const outcome = await copilot.sentiment(item.text, item.language);
      run.pairs.push({ item, predicted: outcome.value.label });
      run.engines[outcome.engine] += 1;
      if (outcome.model) run.model = outcome.model;
      if (outcome.fallback) run.fallbacks[outcome.fallback.reason] = (run.fallbacks[outcome.fallback.reason] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return run;
}
