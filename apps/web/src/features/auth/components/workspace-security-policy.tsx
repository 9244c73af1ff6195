import { useId } from "react";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useUpdateWorkspaceSecurity, useWorkspaceSecurity } from "../api/workspace-security.ts";
import { AuthError } from "./auth-card.tsx";
import { SettingsSection } from "./settings-section.tsx";

/** Administrators: require two-factor of everyone in the workspace. */
export function WorkspaceSecurityPolicy() {
  const t = useT();
  const errorText = useErrorText();
  const policy = useWorkspaceSecurity({ enabled: true });
  const update = useUpdateWorkspaceSecurity();
  const id = useId();
  const hintId = useId();
  const error = policy.error ?? update.error;
  return (
    <SettingsSection title={t("auth.policy.title")}>
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          className="mt-0.5"
          aria-describedby={hintId}
          checked={policy.data?.mfaRequired ?? false}
          disabled={!policy.data || update.isPending}
          onChange={(event) => update.mutate({ mfaRequired: event.target.checked })}
        />
        <div>
          <label htmlFor={id}>{t("auth.policy.require-mfa")}</label>
          <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
            {t("auth.policy.require-mfa-hint")}
          </p>
        </div>
      </div>
      {error ? <AuthError id="policy-error">{errorText(error)}</AuthError> : null}
    </SettingsSection>
  );
}
