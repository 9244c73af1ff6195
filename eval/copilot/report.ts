/** Renders a scorecard as the plain-text report `npm run eval:copilot` prints. */
import { languages, sentimentLabels } from "@papo/copilot";
import type { ConfusionMatrix, Failure, Feature, FeatureScores, Ratio, Scorecard } from "./metrics.ts";

export function formatRatio(value: Ratio): string {
  if (value.rate === null) return "n/a";
  return `${(value.rate * 100).toFixed(1)}% (${value.hits}/${value.total})`;
}

const rows: Array<[string, (scores: FeatureScores) => string]> = [
  ["messages", (s) => String(s.items)],
  ["language accuracy", (s) => formatRatio(s.languageAccuracy)],
  ["sentiment accuracy (3 classes)", (s) => formatRatio(s.sentimentAccuracy)],
  ["handoff recall", (s) => formatRatio(s.handoff.recall)],
  ["false handoff rate", (s) => formatRatio(s.handoff.falseHandoffRate)],
  ["article top-1", (s) => formatRatio(s.articleTop1)],
  ["article top-3", (s) => formatRatio(s.articleTop3)],
];

function table(header: string[], body: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...body.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n");
}

export function formatScorecard(card: Scorecard): string {
  const columns: Array<[string, FeatureScores]> = [
    ...languages.map((l): [string, FeatureScores] => [l, card.byLanguage[l]]),
    ["overall", card.overall],
  ];
  return table(
    ["built-in engine", ...columns.map(([name]) => name)],
    rows.map(([label, cell]) => [label, ...columns.map(([, scores]) => cell(scores))]),
  );
}

export function formatConfusion(matrix: ConfusionMatrix): string {
  return table(
    ["expected \\ predicted", ...sentimentLabels],
    sentimentLabels.map((expected) => [expected, ...sentimentLabels.map((predicted) => String(matrix[expected][predicted]))]),
  );
}

export function formatFailures(failures: Record<Feature, Failure[]>): string {
  return Object.entries(failures)
    .map(([feature, list]) => {
      const lines = list.map((f) => `  ${f.id}  expected ${f.expected}, got ${f.got}: ${JSON.stringify(f.text)}`);
      return [`${feature} failures (${list.length === 0 ? "none" : `${list.length} shown`}):`, ...lines].join("\n");
    })
    .join("\n");
}
