import { type FormEvent, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { errorField } from "../../../lib/field-errors.ts";
import { useCreateUser } from "../api/create-user.ts";
import { isStrongEnough, type ManagedUser, type UserRole } from "../api/types.ts";
import { FormError } from "./form-error.tsx";
import { PasswordField } from "./password-field.tsx";
import { RoleSelect } from "./role-select.tsx";

const weakPassword = () =>
  new ApiError({ code: "users.weak_password", status: 0, message: "password: too short", details: { field: "password" } });

export function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (user: ManagedUser) => void }) {
  const t = useT();
  const create = useCreateUser();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<UserRole>("agent");
  const [password, setPassword] = useState("");
  const [localError, setLocalError] = useState<ApiError | null>(null);
  const errorId = useId();
  const error = localError ?? create.error;
  const field = errorField(error);
  const invalid = (name: string) => (field === name ? { "aria-invalid": true, "aria-describedby": errorId } : {});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isStrongEnough(password)) {
      setLocalError(weakPassword());
      return;
    }
    setLocalError(null);
    create.mutate({ name: name.trim(), email: email.trim(), role, password }, { onSuccess: onCreated });
  };

  return (
    <Dialog title={t("users.create.title")} closeLabel={t("common.close")} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label={t("users.form.name")}
          autoComplete="off"
          required
          maxLength={120}
          value={name}
          onChange={(event) => setName(event.target.value)}
          {...invalid("name")}
        />
        <TextField
          label={t("users.form.email")}
          type="email"
          autoComplete="off"
          required
          maxLength={320}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          {...invalid("email")}
        />
        <RoleSelect value={role} onChange={setRole} />
        <PasswordField
          label={t("users.form.password")}
          value={password}
          onChange={setPassword}
          invalid={field === "password"}
          errorId={errorId}
        />
        <FormError id={errorId} error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("users.form.cancel")}</Button>
          <Button type="submit" variant="primary" disabled={create.isPending || !name.trim() || !email.trim() || !password}>
            {create.isPending ? t("users.form.creating") : t("users.form.create")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
