import { type FormEvent, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { errorField } from "../../../lib/field-errors.ts";
import { isStrongEnough, type ManagedUser } from "../api/types.ts";
import { useUpdateUser } from "../api/update-user.ts";
import { FormError } from "./form-error.tsx";
import { PasswordField } from "./password-field.tsx";

export function ResetPasswordDialog({
  user,
  onClose,
  onSaved,
}: {
  user: ManagedUser;
  onClose: () => void;
  onSaved: (user: ManagedUser) => void;
}) {
  const t = useT();
  const update = useUpdateUser();
  const [password, setPassword] = useState("");
  const [localError, setLocalError] = useState<ApiError | null>(null);
  const errorId = useId();
  const error = localError ?? update.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isStrongEnough(password)) {
      setLocalError(
        new ApiError({ code: "users.weak_password", status: 0, message: "password: too short", details: { field: "password" } }),
      );
      return;
    }
    setLocalError(null);
    update.mutate({ userId: user.id, body: { password } }, { onSuccess: onSaved });
  };

  return (
    <Dialog title={t("users.reset-password.title", { name: user.name })} closeLabel={t("common.close")} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("users.reset-password.body")}</p>
        <PasswordField
          label={t("users.reset-password.new")}
          value={password}
          onChange={setPassword}
          invalid={errorField(error) === "password"}
          errorId={errorId}
        />
        <FormError id={errorId} error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("users.form.cancel")}</Button>
          <Button type="submit" variant="primary" disabled={update.isPending || !password}>
            {update.isPending ? t("users.form.saving") : t("users.reset-password.submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
