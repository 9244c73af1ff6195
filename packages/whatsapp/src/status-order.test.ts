import { describe, expect, it } from "vitest";
import { canReplaceStatus, type DeliveryStatus } from "./status-order.ts";

describe("canReplaceStatus", () => {
  it("when there is no status yet, any status is accepted", () => {
    for (const next of ["sent", "delivered", "read", "played", "failed"] as const)
      expect(canReplaceStatus({ current: null, next })).toBe(true);
  });

  it("when statuses move forward (sent < delivered < read < played), they replace the current one", () => {
    expect(canReplaceStatus({ current: "sent", next: "delivered" })).toBe(true);
    expect(canReplaceStatus({ current: "sent", next: "read" })).toBe(true);
    expect(canReplaceStatus({ current: "delivered", next: "read" })).toBe(true);
    expect(canReplaceStatus({ current: "read", next: "played" })).toBe(true);
  });

  it("when a late delivered arrives after read, it never downgrades it; repeats change nothing", () => {
    expect(canReplaceStatus({ current: "read", next: "delivered" })).toBe(false);
    expect(canReplaceStatus({ current: "played", next: "read" })).toBe(false);
    for (const s of ["sent", "delivered", "read", "played", "failed"] as const)
      expect(canReplaceStatus({ current: s, next: s })).toBe(false);
  });

  it("when a message failed, nothing replaces it; failed may follow sent but not a proof of arrival", () => {
    for (const next of ["sent", "delivered", "read", "played"] as const) expect(canReplaceStatus({ current: "failed", next })).toBe(false);
    expect(canReplaceStatus({ current: "sent", next: "failed" })).toBe(true);
    expect(canReplaceStatus({ current: "delivered", next: "failed" })).toBe(false);
  });

  it("when every ordering of a message's statuses is applied, the final state is the furthest one reached", () => {
    const all: DeliveryStatus[] = ["sent", "delivered", "read"];
    const permutations = (xs: DeliveryStatus[]): DeliveryStatus[][] =>
      xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    for (const order of permutations(all)) {
      let current: DeliveryStatus | null = null;
      for (const next of order) if (canReplaceStatus({ current, next })) current = next;
      expect(current).toBe("read");
    }
  });
});
