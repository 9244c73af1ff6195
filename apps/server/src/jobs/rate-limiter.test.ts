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
