import { useFormat, useT } from "../../../i18n/i18n.tsx";

/** The local calendar day of a timestamp, as a comparable key. */
export function localDayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

export function DaySeparator({ iso, now }: { iso: string; now: number }) {
  const t = useT();
  const format = useFormat();
  const key = localDayKey(iso);
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  const label =
    key === localDayKey(new Date(now).toISOString())
      ? t("conversation.today")
      : key === localDayKey(yesterday.toISOString())
        ? t("conversation.yesterday")
        : format.day(iso);
  return (
    <div className="sticky top-0 z-10 flex justify-center py-2">
      <span className="rounded-full bg-white/90 px-3 py-1 text-xs font-medium text-slate-700 shadow-sm dark:bg-slate-800/90 dark:text-slate-200">
        {label}
      </span>
    </div>
  );
}
