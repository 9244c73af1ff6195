import { describe, expect, it } from "vitest";
import { autoGranularity, bucketEnd, presetRange, rangeDays, reportQuery } from "./range.ts";

// 2026-03-01 01:30 UTC is still 28 February (22:30) in São Paulo, and already 1 March in Lisbon.
const NOW = Date.UTC(2026, 2, 1, 1, 30);

describe("report ranges", () => {
  it("when a preset is picked, its dates are the calendar of the report's time zone", () => {
    expect(presetRange("today", NOW, "America/Sao_Paulo")).toEqual({ from: "2026-02-28", to: "2026-02-28" });
    expect(presetRange("today", NOW, "Europe/Lisbon")).toEqual({ from: "2026-03-01", to: "2026-03-01" });
    expect(presetRange("7d", NOW, "America/Sao_Paulo")).toEqual({ from: "2026-02-22", to: "2026-02-28" });
    expect(presetRange("30d", NOW, "America/Sao_Paulo")).toEqual({ from: "2026-01-30", to: "2026-02-28" });
    expect(presetRange("this-month", NOW, "America/Sao_Paulo")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(presetRange("this-month", NOW, "Europe/Lisbon")).toEqual({ from: "2026-03-01", to: "2026-03-01" });
    expect(presetRange("last-month", NOW, "America/Sao_Paulo")).toEqual({ from: "2026-01-01", to: "2026-01-31" });
    expect(presetRange("last-month", NOW, "Europe/Lisbon")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
  });

  it("when the month is January, last month is December of the year before", () => {
    expect(presetRange("last-month", Date.UTC(2027, 0, 15, 12), "America/Sao_Paulo")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });

  it("when no granularity is chosen, it follows the range's length", () => {
    expect(rangeDays("2026-02-01", "2026-02-01")).toBe(1);
    expect(autoGranularity("2026-02-01", "2026-02-01")).toBe("hour");
    expect(autoGranularity("2026-02-01", "2026-02-07")).toBe("day");
    expect(autoGranularity("2026-01-01", "2026-03-31")).toBe("week");
    expect(autoGranularity("2025-01-01", "2026-03-31")).toBe("month");
  });

  it("when filters are empty, they stay out of the query; business hours only when on", () => {
    const base = { from: "2026-02-01", to: "2026-02-07", timeZone: "America/Sao_Paulo", granularity: "day" as const };
    expect(reportQuery({ ...base, channelId: "", tag: undefined, businessHours: false })).toEqual({
      ...base,
      channelId: undefined,
      agentId: undefined,
      teamId: undefined,
      tag: undefined,
      businessHours: undefined,
    });
    expect(reportQuery({ ...base, tag: "vip", businessHours: true })).toMatchObject({ tag: "vip", businessHours: "true" });
  });

  it("when a bucket is the last, it ends where the range ends", () => {
    const series = [{ start: "2026-02-01T03:00:00.000Z" }, { start: "2026-02-02T03:00:00.000Z" }];
    expect(bucketEnd(series, 0, "2026-02-03T03:00:00.000Z")).toBe("2026-02-02T03:00:00.000Z");
    expect(bucketEnd(series, 1, "2026-02-03T03:00:00.000Z")).toBe("2026-02-03T03:00:00.000Z");
  });
});
