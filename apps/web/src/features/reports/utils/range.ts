import { zonedParts } from "../../../lib/time-zone.ts";
import type { Granularity, ReportFilters } from "../api/types.ts";

export const rangePresets = ["today", "7d", "30d", "this-month", "last-month"] as const;
export type RangePreset = (typeof rangePresets)[number];

const pad = (value: number) => String(value).padStart(2, "0");
const iso = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

/** The local dates (YYYY-MM-DD, inclusive) a preset covers on `now`'s calendar in `timeZone`. */
export function presetRange(preset: RangePreset, now: number, timeZone: string): { from: string; to: string } {
  const p = zonedParts(now, timeZone);
  const day = (offset: number, month = p.month - 1, date = p.day) => iso(new Date(Date.UTC(p.year, month, date + offset)));
  switch (preset) {
    case "today":
      return { from: day(0), to: day(0) };
    case "7d":
      return { from: day(-6), to: day(0) };
    case "30d":
      return { from: day(-29), to: day(0) };
    case "this-month":
      return { from: day(0, p.month - 1, 1), to: day(0) };
    case "last-month":
      // Day 0 of this month is the last day of the previous one.
      return { from: day(0, p.month - 2, 1), to: day(0, p.month - 1, 0) };
  }
}

/** Days in an inclusive local range (1 for a single day). */
export function rangeDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** A bucket size that gives a readable chart: hours for a day, days up to two months, then weeks, then months. */
export function autoGranularity(from: string, to: string): Granularity {
  const days = rangeDays(from, to);
  if (days <= 2) return "hour";
  if (days <= 62) return "day";
  if (days <= 190) return "week";
  return "month";
}

/** The query string of a report: unset filters are left out, so the server applies its defaults. */
export function reportQuery(filters: Omit<ReportFilters, "granularity"> & { granularity?: Granularity }) {
  return {
    from: filters.from,
    to: filters.to,
    timeZone: filters.timeZone,
    granularity: filters.granularity,
    channelId: filters.channelId || undefined,
    agentId: filters.agentId || undefined,
    teamId: filters.teamId || undefined,
    tag: filters.tag || undefined,
    businessHours: filters.businessHours ? "true" : undefined,
  };
}

/** The instant a series bucket ends: the next bucket's start, or the range's end for the last one. */
export function bucketEnd(series: ReadonlyArray<{ start: string }>, index: number, rangeEnd: string): string {
  return series[index + 1]?.start ?? rangeEnd;
}
