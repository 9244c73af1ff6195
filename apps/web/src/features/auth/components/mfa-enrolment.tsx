import { type FormEvent, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { MfaSetup } from "../api/types.ts";
import { lockedMinutes } from "../utils/error-details.ts";
import { AuthError } from "./auth-card.tsx";

/** "ABCD EFGH …": the secret in groups of four, easier to type into an app. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, "$1 ").trim();

/** Enrolment: the QR code (and the key for apps that cannot scan), then a code from the app to confirm. */
export function MfaEnrolment({
  setup,
  onConfirm,
  pending,
  error,
  onCancel,
}: {
  setup: MfaSetup;
  onConfirm: (code: string) => void;
  pending: boolean;
  error: unknown;
  onCancel?: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [code, setCode] = useState("");
  const errorId = useId();
  const keyId = useId();
  const minutes = lockedMinutes(error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(code.replace(/\s+/g, ""));
  };
  return (
    <form onSubmit={submit} className="space-y-4" aria-describedby={error ? errorId : undefined} noValidate>
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
        <li>{t("auth.mfa.enrol.step-app")}</li>
        <li>{t("auth.mfa.enrol.step-scan")}</li>
        <li>{t("auth.mfa.enrol.step-code")}</li>
      </ol>
      <img src={setup.qrCode} alt={t("auth.mfa.enrol.qr-alt")} className="mx-auto size-44 rounded-lg bg-white p-1" />
      <div className="space-y-1 text-sm">
        <p id={keyId} className="text-slate-600 dark:text-slate-400">
          {t("auth.mfa.enrol.key")}
        </p>
        <p aria-describedby={keyId} className="select-all break-all rounded-md bg-slate-100 px-2 py-1 font-mono text-xs dark:bg-slate-800">
          {grouped(setup.secret)}
        </p>
      </div>
      <TextField
        label={t("auth.mfa.code")}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={8}
        required
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      {error ? <AuthError id={errorId}>{minutes ? t("auth.locked-for", { minutes }) : errorText(error)}</AuthError> : null}
      <div className="flex justify-end gap-2">
        {onCancel ? <Button onClick={onCancel}>{t("auth.cancel")}</Button> : null}
        <Button type="submit" variant="primary" disabled={pending || code.replace(/\s+/g, "").length < 6}>
          {pending ? t("auth.mfa.enrol.confirming") : t("auth.mfa.enrol.confirm")}
        </Button>
      </div>
    </form>
  );
}
