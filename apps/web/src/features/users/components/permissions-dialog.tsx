import { type FormEvent, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { type ManagedUser, type Permission, permissions, rolePermissions } from "../api/types.ts";
import { useUpdateUser } from "../api/update-user.ts";
import { FormError } from "./form-error.tsx";
import { ROLE_LABELS } from "./role-select.tsx";

const TEXTS: Record<Permission, { label: TranslationKey; hint: TranslationKey }> = {
  "channels.manage": { label: "users.permission.channels.manage", hint: "users.permission.channels.manage.hint" },
  "channels.check": { label: "users.permission.channels.check", hint: "users.permission.channels.check.hint" },
  "users.manage": { label: "users.permission.users.manage", hint: "users.permission.users.manage.hint" },
  "conversations.see_all": { label: "users.permission.conversations.see_all", hint: "users.permission.conversations.see_all.hint" },
  "data.export": { label: "users.permission.data.export", hint: "users.permission.data.export.hint" },
  "data.erase": { label: "users.permission.data.erase", hint: "users.permission.data.erase.hint" },
  "reports.view": { label: "users.permission.reports.view", hint: "users.permission.reports.view.hint" },
  "templates.manage": { label: "users.permission.templates.manage", hint: "users.permission.templates.manage.hint" },
  "canned_responses.manage": { label: "users.permission.canned_responses.manage", hint: "users.permission.canned_responses.manage.hint" },
  "campaigns.manage": { label: "users.permission.campaigns.manage", hint: "users.permission.campaigns.manage.hint" },
  "knowledge_base.manage": { label: "users.permission.knowledge_base.manage", hint: "users.permission.knowledge_base.manage.hint" },
  "audit.view": { label: "users.permission.audit.view", hint: "users.permission.audit.view.hint" },
  "settings.manage": { label: "users.permission.settings.manage", hint: "users.permission.settings.manage.hint" },
};

/**
 * What one user may do beyond their role: every permission as a checkbox; those the role already gives are checked
 * and fixed (change the role to change them), the others are grants the administrator turns on or off.
 */
export function PermissionsDialog({
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
  const fromRole = new Set<Permission>(rolePermissions[user.role]);
  const [granted, setGranted] = useState(() => new Set((user.permissions ?? []).filter((p) => !fromRole.has(p))));
  const errorId = useId();
  const introId = useId();

  const toggle = (permission: Permission, on: boolean) =>
    setGranted((current) => {
      const next = new Set(current);
      if (on) next.add(permission);
      else next.delete(permission);
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ userId: user.id, body: { permissions: permissions.filter((p) => granted.has(p)) } }, { onSuccess: onSaved });
  };

  return (
    <Dialog title={t("users.permissions.title", { name: user.name })} closeLabel={t("common.close")} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <p id={introId} className="text-sm text-slate-600 dark:text-slate-400">
          {t("users.permissions.intro", { role: t(ROLE_LABELS[user.role]) })}
        </p>
        <fieldset aria-describedby={introId} className="space-y-2">
          <legend className="sr-only">{t("users.permissions.legend")}</legend>
          {permissions.map((permission) => {
            const byRole = fromRole.has(permission);
            const id = `permission-${user.id}-${permission}`;
            return (
              <div key={permission} className="flex items-start gap-3 rounded-lg px-1 py-1">
                <input
                  id={id}
                  type="checkbox"
                  className="mt-1 size-4"
                  checked={byRole || granted.has(permission)}
                  disabled={byRole || update.isPending}
                  aria-describedby={`${id}-hint`}
                  onChange={(event) => toggle(permission, event.target.checked)}
                />
                <div className="min-w-0">
                  <label htmlFor={id} className="block text-sm font-medium">
                    {t(TEXTS[permission].label)}
                  </label>
                  <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
                    {t(TEXTS[permission].hint)}
                    {byRole ? ` ${t("users.permissions.by-role")}` : ""}
                  </p>
                </div>
              </div>
            );
          })}
        </fieldset>
        <FormError id={errorId} error={update.error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("users.form.cancel")}</Button>
          <Button type="submit" variant="primary" disabled={update.isPending}>
            {update.isPending ? t("users.form.saving") : t("users.form.save")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
