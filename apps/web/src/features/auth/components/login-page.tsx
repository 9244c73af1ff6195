import { type FormEvent, type ReactNode, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useServices } from "../../../lib/services.tsx";
import { useLogin } from "../api/login.ts";
import { isMfaRequired, isMfaSetupRequired } from "../api/types.ts";
import { useRestoreSession } from "../hooks/use-restore-session.ts";
import { lockedMinutes } from "../utils/error-details.ts";
import { AuthCard, AuthError } from "./auth-card.tsx";
import { MfaCodeStep } from "./mfa-code-step.tsx";
import { RequiredEnrolment } from "./required-enrolment.tsx";

type Step = { kind: "password" } | { kind: "mfa"; mfaToken: string } | { kind: "enrol"; mfaToken: string };

/**
 * Login: e-mail and password, then — when the user has it — the two-factor code, or — when the workspace requires it
 * and the user has none — the enrolment. On page load it first tries to resume the session kept by the refresh cookie.
 */
/** `sso`: the single sign-on step the app composes in (features/sso), given the e-mail typed so far. */
export function LoginPage({ sso }: { sso?: (email: string) => ReactNode } = {}) {
  const t = useT();
  const restoring = useRestoreSession();
  const [step, setStep] = useState<Step>({ kind: "password" });
  const back = () => setStep({ kind: "password" });

  if (restoring)
    return (
      <AuthCard title={t("auth.login.title")}>
        <p role="status" className="text-center text-sm text-slate-600 dark:text-slate-400">
          {t("auth.restoring")}
        </p>
      </AuthCard>
    );
  if (step.kind === "mfa") return <MfaCodeStep mfaToken={step.mfaToken} onBack={back} />;
  if (step.kind === "enrol") return <RequiredEnrolment mfaToken={step.mfaToken} onBack={back} />;
  return (
    <PasswordStep
      onMfa={(mfaToken) => setStep({ kind: "mfa", mfaToken })}
      onEnrol={(mfaToken) => setStep({ kind: "enrol", mfaToken })}
      sso={sso}
    />
  );
}

function PasswordStep({
  onMfa,
  onEnrol,
  sso,
}: {
  onMfa: (mfaToken: string) => void;
  onEnrol: (mfaToken: string) => void;
  sso?: ((email: string) => ReactNode) | undefined;
}) {
  const t = useT();
  const errorText = useErrorText();
  const { client, session } = useServices();
  const login = useLogin(client);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (answer) => {
          if (isMfaRequired(answer)) onMfa(answer.mfaToken);
          else if (isMfaSetupRequired(answer)) onEnrol(answer.mfaToken);
          else session.start(answer);
        },
      },
    );
  };
  const minutes = lockedMinutes(login.error);

  return (
    <AuthCard title={t("auth.login.title")} subtitle={t("auth.login.subtitle")}>
      <form onSubmit={submit} className="space-y-5" aria-describedby={login.error ? errorId : undefined} noValidate>
        <TextField
          label={t("auth.login.email")}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          label={t("auth.login.password")}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {login.error ? <AuthError id={errorId}>{minutes ? t("auth.locked-for", { minutes }) : errorText(login.error)}</AuthError> : null}
        <Button type="submit" variant="primary" className="w-full" disabled={login.isPending || !email || !password}>
          {login.isPending ? t("auth.login.submitting") : t("auth.login.submit")}
        </Button>
      </form>
      {sso?.(email.trim())}
    </AuthCard>
  );
}
