import { isValidTimeZone } from "../bot/business-hours.ts";

/*
 * Wall-clock times in a named IANA zone, with Intl only (no time-zone database of our own): people schedule "tomorrow
 * 09:00" in the workspace's zone and the database keeps instants.
 */

export { isValidTimeZone };

/** `YYYY-MM-DDTHH:mm`: what a person types as a local date and time. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockOf(at: Date, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? Number.NaN);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute"), second: part("second") };
}

const asUtc = (w: WallClock): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** How far the zone's wall clock is ahead of UTC at `at`, in milliseconds. */
const offsetAt = (at: number, timeZone: string): number => asUtc(wallClockOf(new Date(at), timeZone)) - Math.floor(at / 1000) * 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The wall clock of `at` in `timeZone`, as `YYYY-MM-DDTHH:mm` (seconds dropped). */
export function instantToLocal(at: Date, timeZone: string): string {
  const w = wallClockOf(at, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Parses `YYYY-MM-DDTHH:mm` as a calendar value (undefined when malformed or not a real date, like 02-30). */
export function parseLocal(local: string): WallClock | undefined {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute
  )
    return undefined;
  return { year, month, day, hour, minute, second: 0 };
}

const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock of `timeZone` shows `local` (`YYYY-MM-DDTHH:mm`). Daylight-saving changes are
 * resolved the way Temporal's "compatible" rule does, so the answer never depends on the machine: a time that occurs
 * twice (clocks turned back) is its earlier occurrence; a time that never occurs (clocks turned forward) is moved
 * forward by the length of the gap (02:30 in a 02:00→03:00 jump is 03:30). Throws on a malformed time or zone.
 */
export function localToInstant(local: string, timeZone: string): Date {
  const wall = parseLocal(local);
  if (!wall) throw new RangeError(`not a local date and time (YYYY-MM-DDTHH:mm): ${local}`);
  if (!isValidTimeZone(timeZone)) throw new RangeError(`not an IANA time zone: ${timeZone}`);
  const guess = asUtc(wall);
  // A zone changes its offset at most once within a day around any date, so the offsets a day before and after (and
  // at the guess itself) are every offset the wall time can have.
  const offsets = new Set([offsetAt(guess - DAY_MS, timeZone), offsetAt(guess, timeZone), offsetAt(guess + DAY_MS, timeZone)]);
  const matching = [...offsets]
    .map((offset) => guess - offset)
    .filter((candidate) => instantToLocal(new Date(candidate), timeZone) === local)
    .sort((a, b) => a - b);
  const first = matching[0];
  if (first !== undefined) return new Date(first);
  // In a gap: read the time with the offset in force before the jump, which lands after it.
  return new Date(guess - offsetAt(guess - DAY_MS, timeZone));
}
