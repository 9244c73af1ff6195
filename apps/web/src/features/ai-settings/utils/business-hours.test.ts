import { describe, expect, it } from "vitest";
import { formatRanges, parseRanges, parseTopics } from "./business-hours.ts";

describe("business hours text", () => {
  it("reads comma-separated HH:MM-HH:MM ranges, including overnight ones", () => {
    expect(parseRanges("09:00-12:00, 13:00 - 18:00")).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "18:00" },
    ]);
    expect(parseRanges("22:00-02:00")).toEqual([{ start: "22:00", end: "02:00" }]);
    expect(parseRanges("")).toEqual([]);
  });

  it("refuses anything that is not a time range", () => {
    expect(parseRanges("9h-18h")).toBeNull();
    expect(parseRanges("09:00-25:00")).toBeNull();
    expect(parseRanges("09:00-12:00, soon")).toBeNull();
  });

  it("writes ranges back in the form it reads", () => {
    const ranges = [
      { start: "08:30", end: "12:00" },
      { start: "14:00", end: "17:45" },
    ];
    expect(parseRanges(formatRanges(ranges))).toEqual(ranges);
  });

  it("splits topics on lines and commas, without blanks or repeats", () => {
    expect(parseTopics("reembolso\ncancelamento, reembolso\n\n  jurídico ")).toEqual(["reembolso", "cancelamento", "jurídico"]);
  });
});
