import { describe, expect, it } from "vitest";
import { NEUTRAL_MOOD, nextMood } from "./conversation-mood.ts";

const negative = (score: number) => ({ label: "negative" as const, score, confidence: 0.6, lowConfidence: true });
const positive = (score: number) => ({ label: "positive" as const, score, confidence: 0.6, lowConfidence: true });
const waiting = { waitingForAnswer: true, handledByHuman: true };

describe("nextMood", () => {
  it("keeps the last confident language and ignores unsure guesses", () => {
    const pt = nextMood(NEUTRAL_MOOD, { language: { language: "pt", confidence: 0.9 }, sentiment: null }, waiting);
    expect(pt.language).toBe("pt");
    expect(nextMood(pt, { language: { language: "en", confidence: 0.2 }, sentiment: null }, waiting).language).toBe("pt");
    expect(nextMood(pt, { language: { language: null, confidence: 0 }, sentiment: null }, waiting).language).toBe("pt");
  });

  it("smooths the score and reports the trend", () => {
    const first = nextMood(NEUTRAL_MOOD, { language: null, sentiment: negative(-0.5) }, waiting);
    expect(first).toMatchObject({ sentimentScore: -0.5, sentimentLabel: "negative", sentimentTrend: "steady" });
    const better = nextMood(first, { language: null, sentiment: positive(0.8) }, waiting);
    expect(better.sentimentScore).toBeCloseTo(0.15, 3);
    expect(better).toMatchObject({ sentimentLabel: "neutral", sentimentTrend: "improving", negativeStreak: 0 });
    const worse = nextMood(better, { language: null, sentiment: negative(-0.9) }, waiting);
    expect(worse.sentimentTrend).toBe("worsening");
  });

  it("asks for attention on one strongly negative message or two negatives in a row, only while a person owes an answer", () => {
    expect(nextMood(NEUTRAL_MOOD, { language: null, sentiment: negative(-0.7) }, waiting).needsAttention).toBe(true);
    const once = nextMood(NEUTRAL_MOOD, { language: null, sentiment: negative(-0.3) }, waiting);
    expect(once.needsAttention).toBe(false);
    expect(nextMood(once, { language: null, sentiment: negative(-0.3) }, waiting).needsAttention).toBe(true);
    expect(
      nextMood(NEUTRAL_MOOD, { language: null, sentiment: negative(-0.9) }, { waitingForAnswer: true, handledByHuman: false })
        .needsAttention,
    ).toBe(false);
    expect(
      nextMood(NEUTRAL_MOOD, { language: null, sentiment: negative(-0.9) }, { waitingForAnswer: false, handledByHuman: true })
        .needsAttention,
    ).toBe(false);
  });

  it("stays raised until an answer clears it", () => {
    const raised = nextMood(NEUTRAL_MOOD, { language: null, sentiment: negative(-0.9) }, waiting);
    expect(nextMood(raised, { language: null, sentiment: positive(0.9) }, waiting).needsAttention).toBe(true);
  });
});
