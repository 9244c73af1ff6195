import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter.ts";

/** A clock that only moves when the limiter sleeps: every grant time is exact, nothing depends on the machine's speed. */
function manualTime(start = 1_000_000) {
  let current = start;
  const slept: number[] = [];
  return {
    now: () => current,
    sleep: async (ms: number) => {
      slept.push(ms);
      current += ms;
    },
    advance: (ms: number) => {
      current += ms;
    },
    elapsed: () => current - start,
    slept,
  };
}

/** Acquires `count` tokens of `key` at once and returns when (ms since start) each was granted, in grant order. */
async function burst(
  limiter: ReturnType<typeof createRateLimiter>,
  time: ReturnType<typeof manualTime>,
  key: string,
  count: number,
  rate: number,
) {
  const grants: Array<{ index: number; at: number }> = [];
  await Promise.all(
    Array.from({ length: count }, (_, index) => limiter.acquire(key, rate).then(() => grants.push({ index, at: time.elapsed() }))),
  );
  return grants;
}

describe("createRateLimiter", () => {
  it("when a burst exceeds the bucket, the first `rate` go at once and the rest one every 1/rate seconds, in call order", async () => {
    const time = manualTime();
    const limiter = createRateLimiter({ now: time.now, sleep: time.sleep });

    const grants = await burst(limiter, time, "number-a", 8, 5);

    expect(grants.map((g) => g.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(grants.map((g) => g.at)).toEqual([0, 0, 0, 0, 0, 200, 400, 600]);
  });

  it("when the bucket had time to refill, a new burst goes out at once again", async () => {
    const time = manualTime();
    const limiter = createRateLimiter({ now: time.now, sleep: time.sleep });
    await burst(limiter, time, "number-a", 5, 5);

    time.advance(1_000);
    const before = time.elapsed();
    const grants = await burst(limiter, time, "number-a", 5, 5);

    expect(grants.map((g) => g.at - before)).toEqual([0, 0, 0, 0, 0]);
    expect(time.slept).toEqual([]);
  });

  it("when one number is saturated, another number's sends are not held back", async () => {
    const time = manualTime();
    const limiter = createRateLimiter({ now: time.now, sleep: time.sleep });
    await burst(limiter, time, "number-a", 2, 2);

    const otherAt = time.elapsed();
    await limiter.acquire("number-b", 2);

    expect(time.elapsed()).toBe(otherAt);
    expect(time.slept).toEqual([]);
  });

  it("when sends are spread at the rate, none of them waits", async () => {
    const time = manualTime();
    const limiter = createRateLimiter({ now: time.now, sleep: time.sleep });
    await burst(limiter, time, "number-a", 80, 80);

    for (let i = 0; i < 10; i++) {
      time.advance(1000 / 80);
      await limiter.acquire("number-a", 80);
    }

    expect(time.slept).toEqual([]);
  });

  it("when the rate is not positive, acquire refuses instead of spinning", async () => {
    const limiter = createRateLimiter();
    await expect(limiter.acquire("number-a", 0)).rejects.toThrow(RangeError);
  });
});

describe("admit (a sliding window taken right before a request)", () => {
  it("when a paced send was delayed and the next caught up with it, the one over the rate waits for the window", async () => {
    const time = manualTime();
    const limiter = createRateLimiter({ now: time.now, sleep: time.sleep });
    // Evenly paced at 10/s, but the first two were held back by slow database work and start together at 150 ms.
    time.advance(150);
    await limiter.admit("campaign-a", 10);
    await limiter.admit("campaign-a", 10);
    for (let i = 2; i < 10; i++) {
      time.advance(100);
      await limiter.admit("campaign-a", 10);
    }
    // 10 started in [150, 950]: the 11th, due at 1050 by the pace, must wait until the first leaves the window (1150).
    time.advance(100);
    await limiter.admit("campaign-a", 10);
    expect(time.elapsed()).toBe(1150);
  });

  it("when more than max arrive at once, max start now and the rest as the window frees, never max + 1 in a window", async () => {
    // Real timers, a 40 ms window: the waiters sleep concurrently, which a manual clock cannot model. The grant times
    // are the limiter's own (a time taken later in a callback would carry the event loop's lag, not the limiter's).
    const limiter = createRateLimiter();
    const starts = await Promise.all(Array.from({ length: 7 }, () => limiter.admit("campaign-a", 3, 40)));
    starts.sort((a, b) => a - b);
    expect(starts).toHaveLength(7);
    for (let i = 3; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 3] ?? 0)).toBeGreaterThanOrEqual(40);
  });

  it("when the clock steps back (an NTP correction), earlier grants free their places instead of stalling the next", async () => {
    const time = manualTime();
    const limiter = createRateLimiter({ now: time.now, sleep: time.sleep });
    for (let i = 0; i < 10; i++) await limiter.admit("campaign-a", 10);
    time.advance(-300_000);
    await limiter.admit("campaign-a", 10);
    expect(time.slept).toEqual([]);
  });

  it("when requests are spread under the limit, none of them waits", async () => {
    const time = manualTime();
    const limiter = createRateLimiter({ now: time.now, sleep: time.sleep });
    for (let i = 0; i < 30; i++) {
      time.advance(101);
      await limiter.admit("campaign-a", 10);
    }
    expect(time.slept).toEqual([]);
  });
});
