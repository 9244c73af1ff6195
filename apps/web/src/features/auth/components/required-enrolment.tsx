import { useEffect, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { LoginResponse } from "../../../lib/api-types.ts";
import { useServices } from "../../../lib/services.tsx";
import { useEnableMfa } from "../api/enable-mfa.ts";
import { useSetupMfa } from "../api/setup-mfa.ts";
import { AuthCard, AuthError } from "./auth-card.tsx";
import { MfaEnrolment } from "./mfa-enrolment.tsx";
import { RecoveryCodes } from "./recovery-codes.tsx";

/**
 * The workspace requires two-factor and this user has none: enrol now (the login's token opens nothing else), see the
 * recovery codes once, and only then enter the console.
 */
export function RequiredEnrolment({ mfaToken, onBack }: { mfaToken: string; onBack: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const { session } = useServices();
  const setup = useSetupMfa();
  const enable = useEnableMfa();
  const [done, setDone] = useState<{ codes: string[]; grant: LoginResponse } | null>(null);
  const errorId = useId();
  const { mutate: startSetup } = setup;

  useEffect(() => startSetup(mfaToken), [startSetup, mfaToken]);

  if (done)
    return (
      <AuthCard title={t("auth.mfa.recovery.title")}>
        <RecoveryCodes codes={done.codes} onDone={() => session.start(done.grant)} />
      </AuthCard>
    );
  return (
    <AuthCard title={t("auth.mfa.enrol.title")} subtitle={t("auth.mfa.enrol.required")}>
      {setup.data ? (
        <MfaEnrolment
          setup={setup.data}
          pending={enable.isPending}
          error={enable.error}
          onCancel={onBack}
          onConfirm={(code) =>
            enable.mutate(
              { code, mfaToken },
              {
                onSuccess: ({ recoveryCodes, token, expiresIn, user }) => {
                  if (token && expiresIn !== undefined && user) setDone({ codes: recoveryCodes, grant: { token, expiresIn, user } });
                },
              },
            )
          }
        />
      ) : setup.error ? (
        <div className="space-y-4">
          <AuthError id={errorId}>{errorText(setup.error)}</AuthError>
          <Button className="w-full" onClick={onBack}>
            {t("auth.mfa.back")}
          </Button>
        </div>
      ) : (
        <p role="status" className="text-center text-sm text-slate-600 dark:text-slate-400">
          {t("auth.loading")}
        </p>
      )}
    </AuthCard>
  );
}
