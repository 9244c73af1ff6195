import { describe, expect, it } from "vitest";
import { ACCURACY, addHistogram, bucketIndex, bucketValue, type Histogram, histogramPercentiles } from "./duration-histogram.ts";

/** percentile_cont over raw values, as PostgreSQL computes it. */
function exactPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const lowValue = sorted[low] ?? 0;
  return lowValue + (rank - low) * ((sorted[Math.ceil(rank)] ?? 0) - lowValue);
}

const histogramOf = (values: number[]): Histogram =>
  addHistogram(
    new Map(),
    values.map((v) => [bucketIndex(v), 1]),
  );

describe("duration histograms", () => {
  it("when a duration is put in its bucket, the bucket's value is within 1% of it, from a second to a year", () => {
    for (let seconds = 1; seconds < 366 * 86_400; seconds *= 1.37) {
      const value = bucketValue(bucketIndex(seconds));
      expect(Math.abs(value - seconds) / seconds, `${seconds} s`).toBeLessThanOrEqual(ACCURACY + 1e-12);
    }
  });

  it("when durations are under a second, they share bucket 0, read as half a second", () => {
    expect([bucketIndex(0), bucketIndex(0.2), bucketIndex(0.999)]).toEqual([0, 0, 0]);
    expect(bucketValue(0)).toBe(0.5);
    expect(bucketIndex(1)).toBe(1);
  });

  it("when median and p90 are read from a histogram, each is within 1% of percentile_cont over the raw durations", () => {
    // Log-normal-ish durations, as answer times are: most in minutes, a long tail into hours.
    let state = 42;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (const size of [1, 2, 3, 10, 101, 5_000]) {
      const values = Array.from({ length: size }, () => Math.round(Math.exp(3 + 3 * random()) * 10) / 10 + 1);
      const [median, p90] = histogramPercentiles(histogramOf(values), [0.5, 0.9]);
      const exactMedian = exactPercentile(values, 0.5);
      const exactP90 = exactPercentile(values, 0.9);
      expect(Math.abs((median ?? 0) - exactMedian) / exactMedian, `median of ${size}`).toBeLessThanOrEqual(ACCURACY + 1e-12);
      expect(Math.abs((p90 ?? 0) - exactP90) / exactP90, `p90 of ${size}`).toBeLessThanOrEqual(ACCURACY + 1e-12);
    }
  });

  it("when two values are interpolated, the result lies between their buckets' values (10, 20, 30, 40 → about 25 and 37)", () => {
    const [median, p90] = histogramPercentiles(histogramOf([10, 20, 30, 40]), [0.5, 0.9]);
    expect(Math.abs((median ?? 0) - 25) / 25).toBeLessThanOrEqual(ACCURACY);
    expect(Math.abs((p90 ?? 0) - 37) / 37).toBeLessThanOrEqual(ACCURACY);
  });

  it("when the histogram is empty, every percentile is null", () => {
    expect(histogramPercentiles(new Map(), [0.5, 0.9])).toEqual([null, null]);
  });
});
