import type { Clock } from "../clock.ts";
import { createTokenBucket, type TokenBucket } from "./token-bucket.ts";

/** Meta's default throughput per business number (meta-cloud-api.md §5.4). */
export const DEFAULT_THROUGHPUT_PER_SECOND = 80;

/** Per-number send throughput: every `POST /{phone-number-id}/messages` takes one token. */
export interface ThroughputLimiter {
  /** `false` means the caller must answer 130429. */
  tryAcquire(phoneNumberId: string): boolean;
  clear(): void;
}

/**
 * Creates a {@link ThroughputLimiter}: one token bucket per business number holding one second of traffic,
 * so a burst of `perSecond` sends passes and the next one in the same second is refused.
 */
export function createThroughputLimiter({ clock, perSecond }: { clock: Clock; perSecond: () => number }): ThroughputLimiter {
  const buckets = new Map<string, { rate: number; bucket: TokenBucket }>();
  return {
    tryAcquire(phoneNumberId) {
      const rate = perSecond();
      let entry = buckets.get(phoneNumberId);
      if (!entry || entry.rate !== rate) {
        entry = { rate, bucket: createTokenBucket({ capacity: rate, refillEveryMs: 1000 / rate, clock }) };
        buckets.set(phoneNumberId, entry);
      }
      return entry.bucket.tryTake();
    },
    clear() {
      buckets.clear();
    },
  };
}
