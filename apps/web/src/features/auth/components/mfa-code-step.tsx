import { type FormEvent, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useVerifyMfa } from "../api/verify-mfa.ts";
import { lockedMinutes } from "../utils/error-details.ts";
import { AuthCard, AuthError } from "./auth-card.tsx";

/** The login's second step: the authenticator app's code, or one of the recovery codes. */
export function MfaCodeStep({ mfaToken, onBack }: { mfaToken: string; onBack: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const verify = useVerifyMfa();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState("");
  const errorId = useId();
  const minutes = lockedMinutes(verify.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = value.trim();
    verify.mutate(useRecovery ? { mfaToken, recoveryCode: typed } : { mfaToken, code: typed.replace(/\s+/g, "") });
  };
  const switchMode = () => {
    setUseRecovery((current) => !current);
    setValue("");
    verify.reset();
  };

  return (
    <AuthCard title={t("auth.mfa.title")} subtitle={useRecovery ? t("auth.mfa.recovery-hint") : t("auth.mfa.code-hint")}>
      <form onSubmit={submit} className="space-y-5" aria-describedby={verify.error ? errorId : undefined} noValidate>
        {useRecovery ? (
          <TextField
            key="recovery"
            label={t("auth.mfa.recovery-code")}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        ) : (
          <TextField
            key="code"
            label={t("auth.mfa.code")}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={8}
            required
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
        {verify.error ? <AuthError id={errorId}>{minutes ? t("auth.locked-for", { minutes }) : errorText(verify.error)}</AuthError> : null}
        <Button type="submit" variant="primary" className="w-full" disabled={verify.isPending || !value.trim()}>
          {verify.isPending ? t("auth.mfa.verifying") : t("auth.mfa.verify")}
        </Button>
        <div className="flex items-center justify-between gap-2 text-sm">
          <Button variant="ghost" size="sm" onClick={onBack}>
            {t("auth.mfa.back")}
          </Button>
          <Button variant="ghost" size="sm" onClick={switchMode}>
            {useRecovery ? t("auth.mfa.use-app") : t("auth.mfa.use-recovery")}
          </Button>
        </div>
      </form>
    </AuthCard>
  );
}
