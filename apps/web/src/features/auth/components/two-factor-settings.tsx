import { type FormEvent, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import { useDisableMfa } from "../api/disable-mfa.ts";
import { useEnableMfa } from "../api/enable-mfa.ts";
import { useMfaStatus } from "../api/get-mfa-status.ts";
import { useSetupMfa } from "../api/setup-mfa.ts";
import { lockedMinutes } from "../utils/error-details.ts";
import { AuthError } from "./auth-card.tsx";
import { MfaEnrolment } from "./mfa-enrolment.tsx";
import { RecoveryCodes } from "./recovery-codes.tsx";
import { Notice, SettingsSection } from "./settings-section.tsx";

type Mode = { kind: "idle" } | { kind: "enrol" } | { kind: "codes"; codes: string[] } | { kind: "disable" };

/** Two-factor authentication: its state, enrolment with the QR code and the recovery codes (shown once), turning it off. */
export function TwoFactorSettings() {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const status = useMfaStatus();
  const setup = useSetupMfa();
  const enable = useEnableMfa();
  const [mode, setMode] = useState<Mode>({ kind: "idle" });
  const [notice, setNotice] = useState("");

  const startEnrolment = () => {
    setNotice("");
    enable.reset();
    setup.mutate(undefined, { onSuccess: () => setMode({ kind: "enrol" }) });
  };

  let body: React.ReactNode;
  if (status.isPending) body = <p role="status">{t("auth.loading")}</p>;
  else if (status.isError) body = <AuthError id="mfa-status-error">{errorText(status.error)}</AuthError>;
  else if (mode.kind === "codes")
    body = (
      <RecoveryCodes
        codes={mode.codes}
        onDone={() => {
          setMode({ kind: "idle" });
          setNotice(t("auth.mfa.enabled-notice"));
        }}
      />
    );
  else if (mode.kind === "enrol" && setup.data)
    body = (
      <MfaEnrolment
        setup={setup.data}
        pending={enable.isPending}
        error={enable.error}
        onCancel={() => setMode({ kind: "idle" })}
        onConfirm={(code) =>
          enable.mutate({ code }, { onSuccess: ({ recoveryCodes }) => setMode({ kind: "codes", codes: recoveryCodes }) })
        }
      />
    );
  else if (mode.kind === "disable")
    body = (
      <DisableForm
        onCancel={() => setMode({ kind: "idle" })}
        onDone={() => {
          setMode({ kind: "idle" });
          setNotice(t("auth.mfa.disabled-notice"));
        }}
      />
    );
  else {
    const { enabled, enabledAt, recoveryCodesLeft, required } = status.data;
    body = (
      <div className="space-y-3">
        <p>
          {enabled && enabledAt
            ? t("auth.mfa.on-since", { date: format.dateTime(enabledAt), count: recoveryCodesLeft })
            : t("auth.mfa.off")}
        </p>
        {required ? <p className="text-slate-600 dark:text-slate-400">{t("auth.mfa.required-by-workspace")}</p> : null}
        {setup.error ? <AuthError id="mfa-setup-error">{errorText(setup.error)}</AuthError> : null}
        {notice ? <Notice>{notice}</Notice> : null}
        <div className="flex justify-end">
          {enabled ? (
            required ? null : (
              <Button onClick={() => setMode({ kind: "disable" })}>{t("auth.mfa.disable")}</Button>
            )
          ) : (
            <Button variant="primary" onClick={startEnrolment} disabled={setup.isPending}>
              {t("auth.mfa.enable")}
            </Button>
          )}
        </div>
      </div>
    );
  }
  return <SettingsSection title={t("auth.mfa.section")}>{body}</SettingsSection>;
}

function DisableForm({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const disable = useDisableMfa();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const errorId = useId();
  const minutes = lockedMinutes(disable.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = code.trim();
    // A recovery code has letters; the app's code is digits.
    const factor = /^[\d\s]+$/.test(typed) ? { code: typed.replace(/\s+/g, "") } : { recoveryCode: typed };
    disable.mutate({ password, ...factor }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-describedby={disable.error ? errorId : undefined} noValidate>
      <p>{t("auth.mfa.disable.body")}</p>
      <TextField
        label={t("auth.password.current")}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <TextField
        label={t("auth.mfa.code-or-recovery")}
        autoComplete="one-time-code"
        required
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      {disable.error ? <AuthError id={errorId}>{minutes ? t("auth.locked-for", { minutes }) : errorText(disable.error)}</AuthError> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>{t("auth.cancel")}</Button>
        <Button type="submit" variant="danger" disabled={disable.isPending || !password || !code.trim()}>
          {t("auth.mfa.disable.confirm")}
        </Button>
      </div>
    </form>
  );
}
