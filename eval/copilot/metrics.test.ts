import { describe, expect, it } from "vitest";
import { confusionMatrix, failures, handoffMetrics, type Observation, ratio, scorecard, topKAccuracy } from "./metrics.ts";

function observation(overrides: {
  id: string;
  language?: Observation["language"];
  expected?: Partial<Observation["expected"]>;
  predicted?: Partial<Observation["predicted"]>;
}): Observation {
  return {
    id: overrides.id,
    text: `text of ${overrides.id}`,
    language: overrides.language ?? "pt",
    expected: { sentiment: "neutral", wantsHuman: false, article: null, ...overrides.expected },
    predicted: { language: overrides.language ?? "pt", sentiment: "neutral", wantsHuman: false, articles: [], ...overrides.predicted },
  };
}

describe("ratio", () => {
  it("divides, and has no rate for an empty set", () => {
    expect(ratio(3, 4)).toEqual({ hits: 3, total: 4, rate: 0.75 });
    expect(ratio(0, 0).rate).toBeNull();
  });
});

describe("confusionMatrix", () => {
  it("counts expected (rows) against predicted (columns)", () => {
    const matrix = confusionMatrix([
      { expected: "negative", predicted: "negative" },
      { expected: "negative", predicted: "neutral" },
      { expected: "negative", predicted: "neutral" },
      { expected: "positive", predicted: "negative" },
    ]);
    expect(matrix.negative).toEqual({ negative: 1, neutral: 2, positive: 0 });
    expect(matrix.positive).toEqual({ negative: 1, neutral: 0, positive: 0 });
    expect(matrix.neutral).toEqual({ negative: 0, neutral: 0, positive: 0 });
  });
});

describe("handoffMetrics", () => {
  it("measures recall over requests and false handoffs over everything else", () => {
    const metrics = handoffMetrics([
      { expected: true, predicted: true },
      { expected: true, predicted: true },
      { expected: true, predicted: false },
      { expected: false, predicted: true },
      { expected: false, predicted: false },
      { expected: false, predicted: false },
      { expected: false, predicted: false },
    ]);
    expect(metrics.recall).toEqual({ hits: 2, total: 3, rate: 2 / 3 });
    expect(metrics.falseHandoffRate).toEqual({ hits: 1, total: 4, rate: 0.25 });
  });
});

describe("topKAccuracy", () => {
  const pairs = [
    { expected: "a", ranked: ["a", "b", "c"] },
    { expected: "b", ranked: ["a", "b", "c"] },
    { expected: "d", ranked: ["a", "b", "c", "d"] },
    { expected: null, ranked: ["a"] },
  ];
  it("counts only messages with a labelled article, and only the first k hits", () => {
    expect(topKAccuracy(pairs, 1)).toEqual({ hits: 1, total: 3, rate: 1 / 3 });
    expect(topKAccuracy(pairs, 3)).toEqual({ hits: 2, total: 3, rate: 2 / 3 });
  });
});

describe("scorecard", () => {
  const observations = [
    observation({ id: "pt-1", expected: { sentiment: "negative", article: "x" }, predicted: { sentiment: "negative", articles: ["x"] } }),
    observation({ id: "pt-2", expected: { wantsHuman: true }, predicted: { language: "es", wantsHuman: false } }),
    observation({ id: "en-1", language: "en", expected: { article: "y" }, predicted: { articles: ["z", "w", "y"] } }),
  ];
  const card = scorecard(observations);

  it("scores each language on its own messages and overall on all", () => {
    expect(card.byLanguage.pt.items).toBe(2);
    expect(card.byLanguage.pt.languageAccuracy.rate).toBe(0.5);
    expect(card.byLanguage.pt.handoff.recall).toEqual({ hits: 0, total: 1, rate: 0 });
    expect(card.byLanguage.en.articleTop1.rate).toBe(0);
    expect(card.byLanguage.en.articleTop3.rate).toBe(1);
    expect(card.byLanguage.es.items).toBe(0);
    expect(card.byLanguage.es.sentimentAccuracy.rate).toBeNull();
    expect(card.overall.items).toBe(3);
    expect(card.overall.articleTop3).toEqual({ hits: 2, total: 2, rate: 1 });
    expect(card.overall.sentimentConfusion.negative.negative).toBe(1);
  });

  it("lists each feature's misses with what was expected and what came out", () => {
    const missed = failures(observations, 5);
    expect(missed.language).toEqual([{ id: "pt-2", text: "text of pt-2", expected: "pt", got: "es" }]);
    expect(missed.handoff).toEqual([{ id: "pt-2", text: "text of pt-2", expected: "handoff", got: "no handoff" }]);
    expect(missed.article).toEqual([]);
    expect(missed.sentiment).toEqual([]);
  });

  it("keeps at most `limit` misses per language", () => {
    const many = Array.from({ length: 6 }, (_, i) => observation({ id: `pt-${i}`, predicted: { sentiment: "positive" } }));
    expect(failures(many, 2).sentiment.map((f) => f.id)).toEqual(["pt-0", "pt-1"]);
  });
});
