import { describe, expect, it } from "vitest";
import { limitOfTier, ROLLING_WINDOW_MS, THROTTLE_RECHECK_MS, throttleUntil } from "./messaging-limit.ts";

describe("messaging-limit tiers", () => {
  it("maps Meta's tiers to unique customers per 24 h, and an unknown tier to the lowest", () => {
    expect(limitOfTier("TIER_250")).toBe(250);
    expect(limitOfTier("TIER_2K")).toBe(2_000);
    expect(limitOfTier("TIER_10K")).toBe(10_000);
    expect(limitOfTier("TIER_100K")).toBe(100_000);
    expect(limitOfTier("TIER_UNLIMITED")).toBe(Number.POSITIVE_INFINITY);
    expect(limitOfTier(null)).toBe(250);
    expect(limitOfTier("TIER_NEW")).toBe(250);
    expect(limitOfTier(undefined, 1_000)).toBe(1_000);
  });

  it("waits until the oldest counted send leaves the window, but looks again within 15 minutes", () => {
    const now = new Date("2026-11-29T12:00:00Z");
    const soon = new Date(now.getTime() - ROLLING_WINDOW_MS + 5 * 60_000);
    expect(throttleUntil(now, soon).getTime()).toBe(now.getTime() + 5 * 60_000);
    expect(throttleUntil(now, new Date(now.getTime() - 60_000)).getTime()).toBe(now.getTime() + THROTTLE_RECHECK_MS);
    expect(throttleUntil(now, null).getTime()).toBe(now.getTime() + THROTTLE_RECHECK_MS);
    // Never a busy loop: at least a minute.
    expect(throttleUntil(now, new Date(now.getTime() - ROLLING_WINDOW_MS)).getTime()).toBe(now.getTime() + 60_000);
  });
});
