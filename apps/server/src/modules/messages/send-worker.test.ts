import { describe, expect, it } from "vitest";
import { defaultRetryDelayMs } from "./send-worker.ts";

describe("defaultRetryDelayMs (production backoff)", () => {
  it("when a send keeps failing, the wait doubles from Meta's suggestion on each attempt", () => {
    expect([1, 2, 3, 4].map((attempt) => defaultRetryDelayMs({ attempt, suggestedMs: 1_000 }))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it("when the doubling would pass 15 minutes, the wait stays at 15 minutes", () => {
    expect(defaultRetryDelayMs({ attempt: 20, suggestedMs: 5_000 })).toBe(15 * 60_000);
  });
});
