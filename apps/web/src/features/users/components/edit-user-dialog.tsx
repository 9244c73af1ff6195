import { type FormEvent, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import { errorField } from "../../../lib/field-errors.ts";
import type { ManagedUser, UpdateUserBody, UserRole } from "../api/types.ts";
import { useUpdateUser } from "../api/update-user.ts";
import { FormError } from "./form-error.tsx";
import { RoleSelect } from "./role-select.tsx";

/** Name and role of one user; an administrator's own role is fixed here (the server refuses a self-demotion too). */
export function EditUserDialog({
  user,
  isSelf,
  onClose,
  onSaved,
}: {
  user: ManagedUser;
  isSelf: boolean;
  onClose: () => void;
  onSaved: (user: ManagedUser) => void;
}) {
  const t = useT();
  const update = useUpdateUser();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<UserRole>(user.role);
  const errorId = useId();
  const field = errorField(update.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: UpdateUserBody = {};
    if (name.trim() !== user.name) body.name = name.trim();
    if (role !== user.role) body.role = role;
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    update.mutate({ userId: user.id, body }, { onSuccess: onSaved });
  };

  return (
    <Dialog title={t("users.edit.title", { name: user.name })} closeLabel={t("common.close")} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label={t("users.form.name")}
          autoComplete="off"
          required
          maxLength={120}
          value={name}
          onChange={(event) => setName(event.target.value)}
          {...(field === "name" ? { "aria-invalid": true, "aria-describedby": errorId } : {})}
        />
        <RoleSelect value={role} onChange={setRole} disabled={isSelf} note={isSelf ? t("users.edit.self-role") : undefined} />
        <FormError id={errorId} error={update.error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("users.form.cancel")}</Button>
          <Button type="submit" variant="primary" disabled={update.isPending || !name.trim()}>
            {update.isPending ? t("users.form.saving") : t("users.form.save")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
