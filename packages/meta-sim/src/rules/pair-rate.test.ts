import { describe, expect, it } from "vitest";
import { createManualClock } from "../clock.ts";
import { createPairRateLimiter, LENIENT_PAIR_RATE, META_PAIR_RATE } from "./pair-rate.ts";

const pair = { phoneNumberId: "pn-1", customer: "5511912345678" };

describe("pair rate limit", () => {
  it("when Meta's rate is used, the 46th message in a burst to the same customer is refused", () => {
    const limiter = createPairRateLimiter({ clock: createManualClock(0), settings: () => META_PAIR_RATE });

    const results = Array.from({ length: 46 }, () => limiter.tryAcquire(pair));

    expect(results.slice(0, 45).every(Boolean)).toBe(true);
    expect(results[45]).toBe(false);
  });

  it("when six seconds pass after the burst, one more message to that customer is allowed", () => {
    const clock = createManualClock(0);
    const limiter = createPairRateLimiter({ clock, settings: () => META_PAIR_RATE });
    for (let i = 0; i < 45; i++) limiter.tryAcquire(pair);

    clock.advance(6_000);

    expect(limiter.tryAcquire(pair)).toBe(true);
    expect(limiter.tryAcquire(pair)).toBe(false);
  });

  it("when one customer is limited, messages to another customer still pass", () => {
    const limiter = createPairRateLimiter({ clock: createManualClock(0), settings: () => ({ burst: 1, intervalMs: 60_000 }) });
    limiter.tryAcquire(pair);

    expect(limiter.tryAcquire({ ...pair, customer: "5511900000001" })).toBe(true);
  });

  it("when the default lenient setting is used, a test-sized burst of 200 messages passes", () => {
    const limiter = createPairRateLimiter({ clock: createManualClock(0), settings: () => LENIENT_PAIR_RATE });

    expect(Array.from({ length: 200 }, () => limiter.tryAcquire(pair)).every(Boolean)).toBe(true);
  });

  it("when the rule is switched off, nothing is ever refused", () => {
    const limiter = createPairRateLimiter({ clock: createManualClock(0), settings: () => null });

    expect(Array.from({ length: 5_000 }, () => limiter.tryAcquire(pair)).every(Boolean)).toBe(true);
  });
});
