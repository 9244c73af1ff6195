/**
 * `npm run eval:copilot [-- --split dev|test|holdout|all] [--json]`: accuracy of the built-in engine on the evaluation set, and
 * of a provider's sentiment when COPILOT_EVAL_PROVIDER_URL (+ _KEY, _MODEL) points at one.
 */
import { parseArgs } from "node:util";
import { createCopilot, type SentimentLabel } from "@papo/copilot";
import { loadArticles, loadDataset, type SplitSelection, splits } from "./dataset.ts";
import { runBuiltinEngine, runProviderSentiment } from "./evaluate.ts";
import { confusionMatrix, failures, ratio, scorecard } from "./metrics.ts";
import { formatConfusion, formatFailures, formatRatio, formatScorecard } from "./report.ts";

const failuresPerLanguage = 3;

function parseSplit(value: string | undefined): SplitSelection {
  if (value === undefined) return "test";
  if (value === "all") return value;
  const split = splits.find((candidate) => candidate === value);
  if (split !== undefined) return split;
  throw new Error(`--split must be ${splits.join(", ")} or all (got "${value}")`);
}

async function providerSection(items: ReturnType<typeof loadDataset>) {
  const baseUrl = process.env.COPILOT_EVAL_PROVIDER_URL;
  if (!baseUrl) return { skipped: "COPILOT_EVAL_PROVIDER_URL is not set: provider engine not evaluated" } as const;
  const copilot = createCopilot({
    provider: {
      baseUrl,
      apiKey: process.env.COPILOT_EVAL_PROVIDER_KEY ?? "",
      chatModel: process.env.COPILOT_EVAL_PROVIDER_MODEL ?? "",
      embeddingModel: "",
      transcriptionModel: "",
      transcriptionAcceptsOgg: false,
      timeoutMs: 30_000,
      maxRetries: 1,
    },
  });
  const run = await runProviderSentiment(items, copilot);
  const pairs = run.pairs.map((pair): { expected: SentimentLabel; predicted: SentimentLabel } => ({
    expected: pair.item.sentiment,
    predicted: pair.predicted,
  }));
  return {
    model: run.model,
    engines: run.engines,
    fallbacks: run.fallbacks,
    sentimentAccuracy: ratio(pairs.filter((pair) => pair.expected === pair.predicted).length, pairs.length),
    sentimentConfusion: confusionMatrix(pairs),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { split: { type: "string" }, json: { type: "boolean", default: false } } });
  const split = parseSplit(values.split);
  const items = loadDataset(split);
  const observations = runBuiltinEngine(items, loadArticles());
  const card = scorecard(observations);
  const failed = failures(observations, failuresPerLanguage);
  const provider = await providerSection(items);

  if (values.json) {
    console.log(JSON.stringify({ split, builtin: card, failures: failed, provider }, null, 2));
    return;
  }
  console.log(`Copilot evaluation, split "${split}" (${items.length} messages)\n`);
  console.log(formatScorecard(card));
  for (const [language, scores] of [...Object.entries(card.byLanguage), ["overall", card.overall] as const]) {
    console.log(`\nsentiment confusion, ${language}:\n${formatConfusion(scores.sentimentConfusion)}`);
  }
  console.log(`\n${formatFailures(failed)}\n`);
  if ("skipped" in provider) {
    console.log(`provider: skipped (${provider.skipped})`);
  } else {
    const fallbacks = Object.entries(provider.fallbacks).map(([reason, count]) => `${reason} ${count}`);
    console.log(`provider (${provider.model ?? "unknown model"}): sentiment accuracy ${formatRatio(provider.sentimentAccuracy)}`);
    console.log(
      `answers: provider ${provider.engines.provider}, built-in fallback ${provider.engines.builtin}${fallbacks.length ? ` (${fallbacks.join(", ")})` : ""}`,
    );
    console.log(formatConfusion(provider.sentimentConfusion));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
