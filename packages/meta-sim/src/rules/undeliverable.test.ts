import { describe, expect, it } from "vitest";
import { isUndeliverable } from "./undeliverable.ts";

describe("undeliverable numbers", () => {
  it("when a wa_id ends in 0000, messages to it fail as undeliverable", () => {
    expect(isUndeliverable("5511900000000")).toBe(true);
  });

  it("when a wa_id merely contains 0000, it is deliverable", () => {
    expect(isUndeliverable("5511900001234")).toBe(false);
  });
});
