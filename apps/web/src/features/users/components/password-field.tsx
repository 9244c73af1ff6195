import { useId } from "react";
import { useT } from "../../../i18n/i18n.tsx";
import { MIN_PASSWORD_LENGTH } from "../api/types.ts";

/** A new password, with the server's rule shown under it. */
export function PasswordField({
  label,
  value,
  onChange,
  invalid,
  errorId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  /** The form error's id, referenced while the field is invalid. */
  errorId: string;
}) {
  const t = useT();
  const id = useId();
  const ruleId = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${ruleId} ${errorId}` : ruleId}
        className="block h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm text-slate-900 aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
      />
      <p id={ruleId} className="text-xs text-slate-600 dark:text-slate-400">
        {t("users.form.password-rule", { count: MIN_PASSWORD_LENGTH })}
      </p>
    </div>
  );
}
