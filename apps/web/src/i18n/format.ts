/**
 * Dates, numbers, sizes and durations in the agent's language, all through `Intl` (never by concatenating strings).
 * One set of formatters per locale; `now` is a parameter so tests are deterministic.
 */
export interface Format {
  number(value: number): string;
  currency(value: number, currency: string): string;
  bytes(value: number): string;
  time(iso: string): string;
  dateTime(iso: string): string;
  /** "há 5 min", "ontem", or a date beyond a week. */
  relative(iso: string, now?: number): string;
  /** A day separator's label: the weekday and date ("today"/"yesterday" come from the catalogue). */
  day(iso: string): string;
  /** Whole hours and minutes: "23 h 5 min". */
  duration(ms: number): string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function createFormat(locale: string): Format {
  const numberFormat = new Intl.NumberFormat(locale);
  const timeFormat = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const shortDate = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" });
  const dayFormat = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  const unit = (name: string) =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: 1 });
  const units = { byte: unit("byte"), kilobyte: unit("kilobyte"), megabyte: unit("megabyte"), gigabyte: unit("gigabyte") };
  const hours = new Intl.NumberFormat(locale, { style: "unit", unit: "hour", unitDisplay: "narrow" });
  const minutes = new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "short" });

  return {
    number: (value) => numberFormat.format(value),
    currency: (value, currency) => {
      try {
        return new Intl.NumberFormat(locale, { style: "currency", currency }).format(value);
      } catch {
        return `${numberFormat.format(value)} ${currency}`;
      }
    },
    bytes(value) {
      if (value < 1024) return units.byte.format(value);
      if (value < 1024 ** 2) return units.kilobyte.format(value / 1024);
      if (value < 1024 ** 3) return units.megabyte.format(value / 1024 ** 2);
      return units.gigabyte.format(value / 1024 ** 3);
    },
    time: (iso) => timeFormat.format(new Date(iso)),
    dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
    relative(iso, now = Date.now()) {
      const diff = new Date(iso).getTime() - now;
      const abs = Math.abs(diff);
      if (abs < MINUTE) return relativeFormat.format(0, "second");
      if (abs < HOUR) return relativeFormat.format(Math.round(diff / MINUTE), "minute");
      if (abs < DAY) return relativeFormat.format(Math.round(diff / HOUR), "hour");
      if (abs < 7 * DAY) return relativeFormat.format(Math.round(diff / DAY), "day");
      return shortDate.format(new Date(iso));
    },
    day: (iso) => dayFormat.format(new Date(iso)),
    duration(ms) {
      const total = Math.max(0, Math.floor(ms / MINUTE));
      const h = Math.floor(total / 60);
      const m = total % 60;
      return h > 0 ? `${hours.format(h)} ${minutes.format(m)}` : minutes.format(m);
    },
  };
}
