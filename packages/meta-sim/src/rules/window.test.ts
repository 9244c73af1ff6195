import { describe, expect, it } from "vitest";
import { createManualClock } from "../clock.ts";
import { CUSTOMER_SERVICE_WINDOW_MS, createWindowTracker } from "./window.ts";

const START = Date.parse("2026-05-01T12:00:00Z");
const pair = { phoneNumberId: "106540352242922", customer: "5511912345678" };

describe("customer-service window", () => {
  it("when the customer never wrote, the window is closed", () => {
    const window = createWindowTracker({ clock: createManualClock(START) });

    expect(window.state(pair).open).toBe(false);
  });

  it("when the customer wrote 23h59m ago, the window is still open", () => {
    const clock = createManualClock(START);
    const window = createWindowTracker({ clock });
    window.record({ ...pair, atMs: START });

    clock.advance(CUSTOMER_SERVICE_WINDOW_MS - 60_000);

    expect(window.state(pair)).toMatchObject({ open: true, lastInboundMs: START, closesAtMs: START + CUSTOMER_SERVICE_WINDOW_MS });
  });

  it("when exactly 24 hours have passed since the last message, the window is closed", () => {
    const clock = createManualClock(START);
    const window = createWindowTracker({ clock });
    window.record({ ...pair, atMs: START });

    clock.advance(CUSTOMER_SERVICE_WINDOW_MS);

    expect(window.state(pair).open).toBe(false);
  });

  it("when a backdated message arrives after a newer one, the newer timestamp keeps the window open", () => {
    const clock = createManualClock(START);
    const window = createWindowTracker({ clock });
    window.record({ ...pair, atMs: START });

    window.record({ ...pair, atMs: START - CUSTOMER_SERVICE_WINDOW_MS * 2 });

    expect(window.state(pair).lastInboundMs).toBe(START);
  });

  it("when the customer wrote to another business number, this number's window stays closed", () => {
    const window = createWindowTracker({ clock: createManualClock(START) });
    window.record({ ...pair, phoneNumberId: "other", atMs: START });

    expect(window.state(pair).open).toBe(false);
  });

  it("when the last message came from an ad, the window remembers it for free-entry-point pricing", () => {
    const window = createWindowTracker({ clock: createManualClock(START) });
    window.record({ ...pair, atMs: START, viaReferral: true });

    expect(window.state(pair).viaReferral).toBe(true);
  });
});
