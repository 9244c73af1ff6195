import { useId } from "react";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { WizardState } from "../utils/wizard-state.ts";

/** Step 4: when it starts (in the workspace's time zone), how fast it goes, and an optional spending cap. */
export function ScheduleStep({
  state,
  timeZone,
  maxRate,
  currency,
  errors,
  onChange,
}: {
  state: WizardState;
  timeZone: string;
  maxRate: number;
  currency: string;
  errors: { startLocal?: string; rate?: string; budgetCap?: string };
  onChange: (patch: Partial<WizardState>) => void;
}) {
  const t = useT();
  const name = useId();
  const rateId = useId();
  return (
    <div className="max-w-xl space-y-5">
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">{t("campaigns.schedule.when")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={name} checked={state.startMode === "now"} onChange={() => onChange({ startMode: "now" })} />
          {t("campaigns.schedule.now")}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={name} checked={state.startMode === "later"} onChange={() => onChange({ startMode: "later" })} />
          {t("campaigns.schedule.later")}
        </label>
        {state.startMode === "later" ? (
          <TextField
            label={t("campaigns.schedule.at")}
            type="datetime-local"
            value={state.startLocal}
            error={errors.startLocal}
            hint={t("campaigns.schedule.time-zone", { zone: timeZone })}
            onChange={(e) => onChange({ startLocal: e.target.value })}
          />
        ) : null}
      </fieldset>
      <div className="space-y-1">
        <label htmlFor={rateId} className="block text-sm font-medium">
          {t("campaigns.schedule.rate")}
        </label>
        <div className="flex items-center gap-3">
          <input
            type="range"
            min={1}
            max={maxRate}
            value={Math.min(state.rate, maxRate)}
            aria-label={t("campaigns.schedule.rate.slider")}
            className="flex-1"
            onChange={(e) => onChange({ rate: Number(e.target.value) })}
          />
          <input
            id={rateId}
            type="number"
            min={1}
            max={maxRate}
            value={state.rate}
            aria-invalid={errors.rate ? true : undefined}
            className="h-10 w-24 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950"
            onChange={(e) => onChange({ rate: Number(e.target.value) })}
          />
        </div>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t("campaigns.schedule.rate.hint", { max: maxRate })}</p>
        {errors.rate ? <p className="text-xs text-red-700 dark:text-red-300">{errors.rate}</p> : null}
      </div>
      <TextField
        label={t("campaigns.schedule.budget", { currency })}
        inputMode="decimal"
        value={state.budgetCap}
        error={errors.budgetCap}
        hint={t("campaigns.schedule.budget.hint")}
        onChange={(e) => onChange({ budgetCap: e.target.value })}
      />
    </div>
  );
}
