import type { BusinessHours, WeekDay } from "../../db/schema/bot-settings.ts";

const WEEKDAY_BY_SHORT_NAME: Record<string, WeekDay> = {
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
  Sun: "sun",
};
const ORDER: WeekDay[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Whether the runtime knows the IANA zone (what `Intl` accepts is what the evaluation below can use). */
export function isValidTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The weekday and minute of the day at `at` on the wall clock of `timezone`. */
function wallClock(at: Date, timezone: string): { day: WeekDay; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const day = WEEKDAY_BY_SHORT_NAME[part("weekday")] ?? "mon";
  return { day, minute: Number(part("hour")) * 60 + Number(part("minute")) };
}

/**
 * Whether `at` falls in the business hours, read on the wall clock of their time zone (so daylight-saving changes
 * need nothing). A range whose end is not after its start runs overnight: "22:00–06:00" on Friday covers Friday 22:00
 * to Saturday 06:00. An end of "24:00" or "00:00" means midnight. No hours (null) = always open.
 */
export function isWithinBusinessHours(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const { day, minute } = wallClock(at, hours.timezone);
  const today = ORDER.indexOf(day);
  const yesterday = ORDER[(today + 6) % 7] ?? "sun";
  for (const range of hours.days[day] ?? []) {
    const start = minutesOf(range.start);
    const end = minutesOf(range.end);
    if (end > start ? minute >= start && minute < end : minute >= start) return true;
  }
  // Yesterday's overnight ranges reach into this morning.
  for (const range of hours.days[yesterday] ?? []) {
    const start = minutesOf(range.start);
    const end = minutesOf(range.end);
    if (end <= start && minute < end) return true;
  }
  return false;
}
