import { describe, expect, it } from "vitest";
import { formatDuration } from "./duration.ts";

describe("formatDuration", () => {
  it("when the locale is pt-BR, durations read as people say them, two units at most", () => {
    expect(formatDuration(45, "pt-BR")).toBe("45 s");
    expect(formatDuration(12 * 60 + 10, "pt-BR")).toBe("12 min");
    expect(formatDuration(3 * 3600 + 20 * 60 + 7, "pt-BR")).toBe("3 h 20 min");
    expect(formatDuration(3 * 3600, "pt-BR")).toBe("3 h");
    expect(formatDuration(2 * 86_400 + 4 * 3600 + 59 * 60, "pt-BR")).toBe("2 dias 4 h");
  });

  it("when the locale is English or Spanish, the units are theirs", () => {
    expect(formatDuration(45, "en")).toBe("45 sec");
    expect(formatDuration(3 * 3600 + 20 * 60, "en")).toBe("3 hr 20 min");
    expect(formatDuration(2 * 86_400 + 4 * 3600, "es")).toBe("2 d 4 h");
  });

  it("when a value is fractional or negative, it rounds and never goes below zero", () => {
    expect(formatDuration(59.6, "pt-BR")).toBe("1 min");
    expect(formatDuration(-5, "pt-BR")).toBe("0 s");
  });
});
