import { describe, expect, it } from "vitest";
import { createManualClock } from "../clock.ts";
import { createThroughputLimiter } from "./throughput.ts";
import { createTokenBucket } from "./token-bucket.ts";

describe("token bucket", () => {
  it("when the burst is spent, the next take fails until a refill interval passes", () => {
    const clock = createManualClock(0);
    const bucket = createTokenBucket({ capacity: 2, refillEveryMs: 100, clock });

    const burst = [bucket.tryTake(), bucket.tryTake(), bucket.tryTake()];
    clock.advance(100);

    expect(burst).toEqual([true, true, false]);
    expect(bucket.tryTake()).toBe(true);
  });

  it("when idle for long, the bucket refills only up to its capacity", () => {
    const clock = createManualClock(0);
    const bucket = createTokenBucket({ capacity: 3, refillEveryMs: 10, clock });
    bucket.tryTake();

    clock.advance(10_000);

    expect(bucket.available()).toBe(3);
  });
});

describe("throughput limit", () => {
  it("when a number sends more than its per-second rate within one second, the extra send is refused", () => {
    const clock = createManualClock(0);
    const limiter = createThroughputLimiter({ clock, perSecond: () => 80 });

    const results = Array.from({ length: 81 }, () => limiter.tryAcquire("pn-1"));

    expect(results.filter(Boolean)).toHaveLength(80);
    expect(results.at(-1)).toBe(false);
  });

  it("when one number is saturated, another number still sends", () => {
    const limiter = createThroughputLimiter({ clock: createManualClock(0), perSecond: () => 1 });
    limiter.tryAcquire("pn-1");

    expect(limiter.tryAcquire("pn-1")).toBe(false);
    expect(limiter.tryAcquire("pn-2")).toBe(true);
  });

  it("when the configured rate changes, the new rate applies at once", () => {
    let rate = 1;
    const limiter = createThroughputLimiter({ clock: createManualClock(0), perSecond: () => rate });
    limiter.tryAcquire("pn-1");

    rate = 5;

    expect(limiter.tryAcquire("pn-1")).toBe(true);
  });
});
