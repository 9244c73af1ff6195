import { type FormEvent, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useChangePassword } from "../api/change-password.ts";
import { MIN_PASSWORD_LENGTH } from "../api/types.ts";
import { lockedMinutes, type WeakPasswordReason, weakPasswordReason } from "../utils/error-details.ts";
import { AuthError } from "./auth-card.tsx";
import { Notice, SettingsSection } from "./settings-section.tsx";

const WEAK_MESSAGES = {
  too_short: "auth.password.weak.too_short",
  common: "auth.password.weak.common",
  contains_personal_data: "auth.password.weak.contains_personal_data",
} as const satisfies Record<WeakPasswordReason, string>;

/** The agent's own password: the current one, and a new one the policy accepts; the other sessions end. */
export function ChangePasswordForm() {
  const t = useT();
  const errorText = useErrorText();
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const errorId = useId();
  const ruleId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword("");
          setNewPassword("");
        },
      },
    );
  };
  const reason = weakPasswordReason(change.error);
  const minutes = lockedMinutes(change.error);
  const message = reason
    ? t(WEAK_MESSAGES[reason], { count: MIN_PASSWORD_LENGTH })
    : minutes
      ? t("auth.locked-for", { minutes })
      : errorText(change.error);

  return (
    <SettingsSection title={t("auth.password.title")}>
      <form onSubmit={submit} className="space-y-3" aria-describedby={change.error ? errorId : undefined} noValidate>
        <TextField
          label={t("auth.password.current")}
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
        />
        <TextField
          label={t("auth.password.new")}
          type="password"
          autoComplete="new-password"
          required
          aria-describedby={ruleId}
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
        />
        <p id={ruleId} className="text-xs text-slate-600 dark:text-slate-400">
          {t("auth.password.rule", { count: MIN_PASSWORD_LENGTH })}
        </p>
        {change.error ? <AuthError id={errorId}>{message}</AuthError> : null}
        {change.isSuccess ? <Notice>{t("auth.password.changed")}</Notice> : null}
        <div className="flex justify-end">
          <Button type="submit" variant="primary" disabled={change.isPending || !currentPassword || !newPassword}>
            {change.isPending ? t("auth.saving") : t("auth.password.submit")}
          </Button>
        </div>
      </form>
    </SettingsSection>
  );
}
