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
  const windows = new Map<string, number[]>();

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

    /**
     * Waits until fewer than `max` grants of `key` fall in the last `windowMs`, then records this one. Unlike a bucket
     * grant, which may be followed by other awaits before the request leaves, this is taken right before it: whatever
     * delays came between, no `windowMs` ever holds more than `max` requests started. Resolves with the grant's time
     * (by `now`), the instant the window counts.
     */
    async admit(key: string, max: number, windowMs = 1_000): Promise<number> {
      const limit = Math.max(1, Math.floor(max));
      for (;;) {
        const t = now();
        // A grant "in the future" means the clock stepped back: it no longer holds a place (else the wait would grow by the step).
        const recent = (windows.get(key) ?? []).filter((at) => at <= t && t - at < windowMs);
        if (recent.length < limit) {
          recent.push(t);
          windows.set(key, recent);
          return t;
        }
        windows.set(key, recent);
        // The oldest grant leaves the window first; whoever wakes first after it takes the place.
        await sleep(windowMs - (t - (recent[0] ?? t)));
      }
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
