import { type SQL, sql } from "drizzle-orm";

/**
 * Log-scale histograms of durations, for medians and p90s over long ranges read from whole months summed once
 * (report_duration_months) instead of sorting every duration again. A duration of s seconds (s ≥ 1) falls in bucket
 * ceil(log_γ s), whose representative value is within ACCURACY of every duration in it; below one second, bucket 0.
 * A percentile read from a histogram is therefore within 1% + half a second of the exact one (the half second only
 * matters when it interpolates with a duration under a second).
 */
export const ACCURACY = 0.01;
const GAMMA = (1 + ACCURACY) / (1 - ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);

/** Bucket counts by index. */
export type Histogram = Map<number, number>;

export const bucketIndex = (seconds: number): number => (seconds < 1 ? 0 : Math.max(1, Math.ceil(Math.log(seconds) / LOG_GAMMA)));

/** The same in SQL, for rows summed in the database (the two agree but for a value on a bucket's very edge). */
export const bucketIndexSql = (seconds: SQL): SQL =>
  sql`(case when ${seconds} < 1 then 0 else greatest(1, ceil(ln(${seconds}) / ${LOG_GAMMA}::float8))::int end)`;

/** Within ACCURACY of every value in bucket `index` (γ^(i-1), γ^i]; half a second for bucket 0. */
export const bucketValue = (index: number): number => (index === 0 ? 0.5 : (2 * GAMMA ** index) / (GAMMA + 1));

/** Adds a stored histogram (`{"<bucket index>": count}`, as report_duration_months keeps it) without copying it. */
export function addBucketCounts(into: Histogram, counts: Record<string, number>): Histogram {
  for (const index in counts) {
    const bucket = Number(index);
    into.set(bucket, (into.get(bucket) ?? 0) + (counts[index] ?? 0));
  }
  return into;
}

export function addHistogram(into: Histogram, from: Iterable<[number, number]>): Histogram {
  for (const [index, count] of from) into.set(index, (into.get(index) ?? 0) + count);
  return into;
}

/**
 * Percentiles the way PostgreSQL's percentile_cont computes them (rank p·(n−1), interpolated between the two values
 * around it), with each value read as its bucket's representative. `ps` ascending; null for an empty histogram.
 */
export function histogramPercentiles(histogram: Histogram, ps: readonly number[]): (number | null)[] {
  const buckets = [...histogram.entries()].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return ps.map(() => null);
  /** The value of the k-th smallest duration (0-based). */
  const valueAt = (k: number): number => {
    let seen = 0;
    for (const [index, count] of buckets) {
      seen += count;
      if (k < seen) return bucketValue(index);
    }
    return bucketValue(buckets[buckets.length - 1]?.[0] ?? 0);
  };
  return ps.map((p) => {
    const rank = p * (total - 1);
    const low = Math.floor(rank);
    const lowValue = valueAt(low);
    return lowValue + (rank - low) * (valueAt(Math.ceil(rank)) - lowValue);
  });
}
