import { useId } from "react";
import { useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { type UserRole, userRoles } from "../api/types.ts";

export const ROLE_LABELS: Record<UserRole, TranslationKey> = {
  admin: "users.role.admin",
  supervisor: "users.role.supervisor",
  agent: "users.role.agent",
};

const ROLE_HINTS: Record<UserRole, TranslationKey> = {
  admin: "users.role.admin.hint",
  supervisor: "users.role.supervisor.hint",
  agent: "users.role.agent.hint",
};

export function RoleSelect({
  value,
  onChange,
  disabled = false,
  note,
}: {
  value: UserRole;
  onChange: (role: UserRole) => void;
  disabled?: boolean;
  /** Shown under the hint (why the select is disabled). */
  note?: string;
}) {
  const t = useT();
  const id = useId();
  const hintId = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {t("users.form.role")}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-describedby={hintId}
        onChange={(event) => onChange(event.target.value as UserRole)}
        className="block h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm text-slate-900 disabled:opacity-70 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
      >
        {userRoles.map((role) => (
          <option key={role} value={role}>
            {t(ROLE_LABELS[role])}
          </option>
        ))}
      </select>
      <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
        {t(ROLE_HINTS[value])}
        {note ? ` ${note}` : ""}
      </p>
    </div>
  );
}
