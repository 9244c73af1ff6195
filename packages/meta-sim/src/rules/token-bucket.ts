import type { Clock } from "../clock.ts";

/** A token bucket: `capacity` tokens at most, one more every `refillEveryMs`. */
export interface TokenBucket {
  /** Takes a token if one is available. */
  tryTake(): boolean;
  /** Tokens available right now (fractional while refilling). */
  available(): number;
}

/** Options of {@link createTokenBucket}. */
export interface TokenBucketOptions {
  capacity: number;
  refillEveryMs: number;
  clock: Clock;
}

/**
 * Creates a full {@link TokenBucket}. Refill is computed from the clock on each call rather than with timers,
 * so an injected clock can jump ahead and the bucket follows.
 */
export function createTokenBucket({ capacity, refillEveryMs, clock }: TokenBucketOptions): TokenBucket {
  let tokens = capacity;
  let last = clock.now();
  const refill = (): void => {
    const now = clock.now();
    if (now > last) tokens = Math.min(capacity, tokens + (now - last) / refillEveryMs);
    last = Math.max(last, now);
  };
  return {
    tryTake() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    available() {
      refill();
      return tokens;
    },
  };
}
