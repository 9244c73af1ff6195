import type { Clock } from "../clock.ts";
import { createTokenBucket, type TokenBucket } from "./token-bucket.ts";

/** Pair rate limit settings: `burst` messages at once to one customer, then one more every `intervalMs`. */
export interface PairRateSettings {
  burst: number;
  intervalMs: number;
}

/** Meta's documented pair rate: one message every 6 s to the same user, bursts up to 45 (meta-cloud-api.md §5.4). */
export const META_PAIR_RATE: PairRateSettings = Object.freeze({ burst: 45, intervalMs: 6_000 });

/**
 * The simulator's default pair rate. Deliberately far looser than Meta's so suites that message one customer many
 * times never trip it by accident; tests of 131056 opt into {@link META_PAIR_RATE} or something tighter.
 */
export const LENIENT_PAIR_RATE: PairRateSettings = Object.freeze({ burst: 1_000, intervalMs: 10 });

/** The (business number, customer) pair rate limit. */
export interface PairRateLimiter {
  /** `false` means the caller must answer 131056. */
  tryAcquire(pair: { phoneNumberId: string; customer: string }): boolean;
  clear(): void;
}

/** Creates a {@link PairRateLimiter}; `settings()` returning `null` switches the rule off. */
export function createPairRateLimiter({ clock, settings }: { clock: Clock; settings: () => PairRateSettings | null }): PairRateLimiter {
  const buckets = new Map<string, { settings: PairRateSettings; bucket: TokenBucket }>();
  return {
    tryAcquire({ phoneNumberId, customer }) {
      const current = settings();
      if (!current) return true;
      const key = `${phoneNumberId}:${customer}`;
      let entry = buckets.get(key);
      if (!entry || entry.settings !== current) {
        entry = { settings: current, bucket: createTokenBucket({ capacity: current.burst, refillEveryMs: current.intervalMs, clock }) };
        buckets.set(key, entry);
      }
      return entry.bucket.tryTake();
    },
    clear() {
      buckets.clear();
    },
  };
}
