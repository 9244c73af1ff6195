import { type FormEvent, useMemo, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { CheckboxField } from "../../../components/ui/checkbox-field.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { type WeekDay, type WorkspaceBusinessHours, weekDays } from "../../../hooks/use-workspace-settings.ts";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { supportedTimeZones } from "../../../lib/time-zone.ts";
import { useUpdateBusinessHours } from "../api/update-business-hours.ts";

type Range = { start: string; end: string };
const MAX_RANGES = 6;
const WORKDAY: Range = { start: "09:00", end: "18:00" };

const dayLabel = {
  mon: "workspace.hours.day.mon",
  tue: "workspace.hours.day.tue",
  wed: "workspace.hours.day.wed",
  thu: "workspace.hours.day.thu",
  fri: "workspace.hours.day.fri",
  sat: "workspace.hours.day.sat",
  sun: "workspace.hours.day.sun",
} as const satisfies Record<WeekDay, string>;

/** Monday to Friday, 9 to 6: where an administrator who turns the hours on starts from. */
const defaultDays = (): Record<WeekDay, Range[]> =>
  Object.fromEntries(weekDays.map((d) => [d, d === "sat" || d === "sun" ? [] : [{ ...WORKDAY }]])) as Record<WeekDay, Range[]>;

/** The server names the part it refused (`businessHours.days.mon.0.start`). */
const fieldOf = (error: unknown): string | null => {
  const field = error instanceof ApiError ? (error.details as { field?: unknown } | null)?.field : undefined;
  return typeof field === "string" ? field : null;
};

/**
 * Admin → Workspace → business hours: the week's opening ranges in a time zone. The reports count "business hours
 * only" timings inside them; without them those timings equal calendar time.
 */
export function BusinessHoursEditor({
  saved,
  defaultZone,
  canEdit,
}: {
  saved: WorkspaceBusinessHours | null;
  defaultZone: string;
  canEdit: boolean;
}) {
  const t = useT();
  const errorText = useErrorText();
  const update = useUpdateBusinessHours();
  const zones = useMemo(() => supportedTimeZones(), []);
  const [enabled, setEnabled] = useState(saved !== null);
  const [timezone, setTimezone] = useState(saved?.timezone ?? defaultZone);
  const [days, setDays] = useState<Record<WeekDay, Range[]>>(() => (saved ? { ...saved.days } : defaultDays()));
  const edit = (change: () => void) => {
    update.reset();
    change();
  };
  const setRanges = (day: WeekDay, ranges: Range[]) => edit(() => setDays((current) => ({ ...current, [day]: ranges })));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canEdit) return;
    update.mutate(enabled ? { timezone, days } : null);
  };
  const badField = fieldOf(update.error);

  return (
    <form onSubmit={submit} className="max-w-lg space-y-4" aria-label={t("workspace.hours.title")}>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">{t("workspace.hours.title")}</legend>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t("workspace.hours.intro")}</p>
        <CheckboxField
          label={t("workspace.hours.use")}
          checked={enabled}
          disabled={!canEdit}
          onChange={(checked) => edit(() => setEnabled(checked))}
        />
        {enabled ? (
          <>
            <SelectField
              label={t("workspace.hours.timezone")}
              value={timezone}
              disabled={!canEdit}
              onChange={(event) => edit(() => setTimezone(event.target.value))}
            >
              {zones.includes(timezone) ? null : <option value={timezone}>{timezone}</option>}
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, " ")}
                </option>
              ))}
            </SelectField>
            <ul className="space-y-3">
              {weekDays.map((day) => {
                const ranges = days[day];
                const dayName = t(dayLabel[day]);
                return (
                  <li key={day} className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
                    <p className="text-sm font-medium">{dayName}</p>
                    {ranges.length === 0 ? (
                      <p className="text-xs text-slate-600 dark:text-slate-400">{t("workspace.hours.closed")}</p>
                    ) : null}
                    {ranges.map((range, index) => (
                      // Ranges have no id of their own: their place in the day is what the server names too.
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above
                      <div key={index} className="flex flex-wrap items-end gap-2">
                        <TextField
                          type="time"
                          label={t("workspace.hours.start", { day: dayName, n: index + 1 })}
                          value={range.start}
                          disabled={!canEdit}
                          onChange={(event) =>
                            setRanges(
                              day,
                              ranges.map((r, i) => (i === index ? { ...r, start: event.target.value } : r)),
                            )
                          }
                        />
                        <TextField
                          type="time"
                          label={t("workspace.hours.end", { day: dayName, n: index + 1 })}
                          value={range.end}
                          disabled={!canEdit}
                          onChange={(event) =>
                            setRanges(
                              day,
                              ranges.map((r, i) => (i === index ? { ...r, end: event.target.value } : r)),
                            )
                          }
                        />
                        {canEdit ? (
                          <Button
                            size="sm"
                            aria-label={t("workspace.hours.remove", { day: dayName, n: index + 1 })}
                            onClick={() =>
                              setRanges(
                                day,
                                ranges.filter((_, i) => i !== index),
                              )
                            }
                          >
                            {t("workspace.hours.remove.short")}
                          </Button>
                        ) : null}
                      </div>
                    ))}
                    {canEdit && ranges.length < MAX_RANGES ? (
                      <Button
                        size="sm"
                        aria-label={t("workspace.hours.add", { day: dayName })}
                        onClick={() => setRanges(day, [...ranges, { ...WORKDAY }])}
                      >
                        {t("workspace.hours.add.short")}
                      </Button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("workspace.hours.off")}</p>
        )}
      </fieldset>
      {update.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {badField ? t("workspace.hours.invalid", { field: badField, reason: errorText(update.error) }) : errorText(update.error)}
        </p>
      ) : null}
      {canEdit ? (
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={update.isPending}>
            {update.isPending ? t("workspace.saving") : t("workspace.hours.save")}
          </Button>
          <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
            {update.isSuccess ? t("workspace.hours.saved") : ""}
          </p>
        </div>
      ) : null}
    </form>
  );
}
