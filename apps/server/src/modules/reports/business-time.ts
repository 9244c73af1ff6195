import type { BusinessHours, WeekDay } from "../../db/schema/bot-settings.ts";
import { instantToLocal, localToInstant } from "../scheduling/local-time.ts";
import { addDays } from "./context.ts";

const WEEKDAY_BY_UTC_DAY: WeekDay[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const pad = (n: number) => String(n).padStart(2, "0");

/** The instant the zone's wall clock shows `minute` minutes after the local midnight of `date` (1440 = next midnight). */
function instantAt(date: string, minute: number, timeZone: string): number {
  const day = addDays(date, Math.floor(minute / 1440));
  const rest = minute % 1440;
  return localToInstant(`${day}T${pad(Math.floor(rest / 60))}:${pad(rest % 60)}`, timeZone).getTime();
}

const weekDayOf = (date: string): WeekDay => WEEKDAY_BY_UTC_DAY[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? "mon";

/**
 * Seconds of [from, to) that fall inside the weekly business hours, read on the wall clock of their time zone, with
 * the same rules as the bot's `isWithinBusinessHours` (an end not after the start runs overnight; "24:00" and "00:00"
 * end at midnight). Each day's ranges are turned into instants by the zone's own rules, so a daylight-saving day
 * counts the hours it really had. Null hours = no business hours configured: every second counts.
 */
export function businessSecondsBetween(hours: BusinessHours | null, from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  if (!(end > start)) return 0;
  if (!hours) return (end - start) / 1000;
  const zone = hours.timezone;
  const intervals: Array<[number, number]> = [];
  // The day before `from` may hold an overnight range that reaches into it.
  const last = instantToLocal(to, zone).slice(0, 10);
  for (let date = addDays(instantToLocal(from, zone).slice(0, 10), -1); date <= last; date = addDays(date, 1)) {
    for (const range of hours.days[weekDayOf(date)] ?? []) {
      const open = minutesOf(range.start);
      const close = minutesOf(range.end);
      const openAt = instantAt(date, open, zone);
      const closeAt = instantAt(date, close > open ? close : close + 1440, zone);
      const a = Math.max(openAt, start);
      const b = Math.min(closeAt, end);
      if (b > a) intervals.push([a, b]);
    }
  }
  // Overlapping ranges (a day's range and yesterday's overnight one) count once.
  intervals.sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reached = Number.NEGATIVE_INFINITY;
  for (const [a, b] of intervals) {
    const from = Math.max(a, reached);
    if (b > from) total += b - from;
    reached = Math.max(reached, b);
  }
  return total / 1000;
}
