/**
 * Per-key token buckets (one per business number): `acquire` resolves when a send may go out, so a burst is spread at
 * the number's rate instead of hitting Meta's 130429. In-process; across nodes the limit is per node (see ROADMAP
 * note in the README) until the shared limiter of the scale-out work.
 */
export function createRateLimiter({
  now = () => Date.now(),
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
}: {
  /** Milliseconds since the epoch; tests pass a manual clock. */
  now?: () => number;
  /** Waits `ms`; tests pass one that moves their manual clock. */
  sleep?: (ms: number) => Promise<void>;
} = {}) {
  const buckets = new Map<string, { tokens: number; updatedAt: number; queue: Promise<void> }>();

  return {
    /**
     * Waits for one token of `key`'s bucket, which refills at `perSecond` and holds at most `burst` tokens (default
     * `perSecond`: a second's worth at once; 1: evenly spaced).
     */
    acquire(key: string, perSecond: number, burst: number = perSecond): Promise<void> {
      if (!(perSecond > 0)) return Promise.reject(new RangeError(`rate for ${key} must be positive (got ${perSecond})`));
      const capacity = Math.max(1, burst);
      const bucket = buckets.get(key) ?? { tokens: capacity, updatedAt: now(), queue: Promise.resolve() };
      buckets.set(key, bucket);
      // Callers are served in order: each waits for the previous one's token before computing its own.
      const turn = bucket.queue.then(async () => {
        for (;;) {
          const t = now();
          bucket.tokens = Math.min(capacity, bucket.tokens + (Math.max(0, t - bucket.updatedAt) / 1000) * perSecond);
          bucket.updatedAt = t;
          if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return;
          }
          await sleep(Math.ceil(((1 - bucket.tokens) / perSecond) * 1000));
        }
      });
      bucket.queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
