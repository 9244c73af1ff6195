/**
 * Wall-clock times in a named IANA time zone (the workspace's), with `Intl` only. Scheduling shows and takes times in
 * the workspace's zone, not the browser's, so an agent travelling or working remotely schedules what the team means.
 * Local times are `YYYY-MM-DDTHH:mm`, the format of `<input type="datetime-local">` and of the API's `sendAtLocal`.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
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
      weekday: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instant`. */
export function zonedParts(instant: number, timeZone: string): ZonedParts {
  const parts = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? "Sun"),
  };
}

/** How far `timeZone` is ahead of UTC at `instant`, in minutes (São Paulo: -180). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / MINUTE);
}

/** "UTC−03:00", "UTC+05:30", "UTC". */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return "UTC";
  const sign = minutes < 0 ? "−" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const pad = (value: number) => String(value).padStart(2, "0");

/** The `YYYY-MM-DDTHH:mm` wall-clock time in `timeZone` at `instant`. */
export function instantToLocal(instant: number, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant a `YYYY-MM-DDTHH:mm` wall-clock time in `timeZone` means, or null when it is not a valid time. A time
 * skipped by a daylight-saving jump resolves to the same clock reading under the earlier offset (it lands after the
 * jump); a repeated one resolves to its first occurrence, like the server.
 */
export function localToInstant(local: string, timeZone: string): number | null {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // Try the offsets in force a day either side: the earliest candidate that reads back as `local` wins.
  const offsets = [...new Set([offsetMinutes(asUtc - DAY, timeZone), offsetMinutes(asUtc + DAY, timeZone)])].sort((a, b) => b - a);
  for (const offset of offsets) {
    const candidate = asUtc - offset * MINUTE;
    if (instantToLocal(candidate, timeZone) === local) return candidate;
  }
  return asUtc - (offsets[offsets.length - 1] ?? 0) * MINUTE;
}

/** The calendar date `days` after the wall-clock date of `instant` in `timeZone`, at `time` (`HH:mm`). */
function localDateAt(instant: number, timeZone: string, days: number, time: string): string {
  const p = zonedParts(instant, timeZone);
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${time}`;
}

/** Quick picks for a scheduling form, as local times in `timeZone`. */
export const quickPicks = {
  /** An hour from now, rounded up to the next 5 minutes. */
  inOneHour(now: number, timeZone: string): string {
    const target = Math.ceil((now + HOUR) / (5 * MINUTE)) * 5 * MINUTE;
    return instantToLocal(target, timeZone);
  },
  tomorrowAt(now: number, timeZone: string, time = "09:00"): string {
    return localDateAt(now, timeZone, 1, time);
  },
  /** The next Monday (a week ahead when today is Monday). */
  nextMondayAt(now: number, timeZone: string, time = "09:00"): string {
    const weekday = zonedParts(now, timeZone).weekday;
    const days = (8 - weekday) % 7 || 7;
    return localDateAt(now, timeZone, days, time);
  },
};

/** Every time zone the browser knows, or a short list where `Intl.supportedValuesOf` is missing. */
export function supportedTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.("timeZone") ?? [];
  const fallback = ["America/Sao_Paulo", "America/Manaus", "America/Bahia", "America/Fortaleza", "America/Recife", "UTC"];
  return zones.length ? zones : fallback;
}

/** The zone's long name in `locale` ("Horário de Brasília"), or null when `Intl` has none. */
export function timeZoneName(timeZone: string, locale: string, instant = Date.now()): string | null {
  try {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "longGeneric" })
      .formatToParts(new Date(instant))
      .find((p) => p.type === "timeZoneName")?.value;
    return name && !/^GMT|^UTC/.test(name) ? name : null;
  } catch {
    return null;
  }
}

/** A date and time as read in `timeZone` ("12 de dez. de 2026, 09:00"). */
export function formatInZone(instant: number | string, timeZone: string, locale: string): string {
  const date = new Date(instant);
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
  }
}
