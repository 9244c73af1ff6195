import { useMemo } from "react";
import { useLocale } from "../../../i18n/i18n.tsx";
import type { Granularity } from "../api/types.ts";
import { formatDuration } from "./duration.ts";

export interface ReportFormat {
  number(value: number): string;
  /** A rate 0…1 as a percentage. */
  percent(value: number): string;
  /** Seconds as people say them. */
  duration(seconds: number): string;
  money(value: number, currency: string): string;
  /** A series bucket's label (already local to the report's zone) for an axis or a table row. */
  bucket(label: string, granularity: Granularity): string;
  /** An instant on the report zone's wall clock. */
  dateTime(iso: string, timeZone: string): string;
}

/** Numbers, money, durations and dates of the dashboard in the UI's language, all through `Intl`. */
export function createReportFormat(locale: string): ReportFormat {
  const numberFormat = new Intl.NumberFormat(locale);
  const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  // Bucket labels are already wall-clock dates: read them in UTC so the browser's zone cannot shift them a day.
  const dayLabel = new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month: "short" });
  const monthLabel = new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", year: "numeric" });
  const hourLabel = new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
  return {
    number: (value) => numberFormat.format(value),
    percent: (value) => percentFormat.format(value),
    duration: (seconds) => formatDuration(seconds, locale),
    money(value, currency) {
      try {
        return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 4 }).format(value);
      } catch {
        return `${numberFormat.format(value)} ${currency}`;
      }
    },
    bucket(label, granularity) {
      const date = new Date(label.length > 10 ? `${label}:00Z` : `${label}T00:00:00Z`);
      if (Number.isNaN(date.getTime())) return label;
      if (granularity === "hour") return hourLabel.format(date);
      if (granularity === "month") return monthLabel.format(date);
      return dayLabel.format(date);
    },
    dateTime(iso, timeZone) {
      try {
        return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "short", timeStyle: "short" }).format(new Date(iso));
      } catch {
        return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" }).format(new Date(iso));
      }
    },
  };
}

export function useReportFormat(): ReportFormat {
  const { locale } = useLocale();
  return useMemo(() => createReportFormat(locale), [locale]);
}
