import { useId, useState } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useSession } from "../../../lib/services.tsx";
import { useUsers } from "../api/get-users.ts";
import { effectivePermissionsOf, type ManagedUser } from "../api/types.ts";
import { CreateUserDialog } from "./create-user-dialog.tsx";
import { EditUserDialog } from "./edit-user-dialog.tsx";
import { PermissionsDialog } from "./permissions-dialog.tsx";
import { ResetPasswordDialog } from "./reset-password-dialog.tsx";
import { ROLE_LABELS } from "./role-select.tsx";
import { ToggleActiveDialog } from "./toggle-active-dialog.tsx";

type OpenDialog =
  | { kind: "create" }
  | { kind: "edit"; user: ManagedUser }
  | { kind: "password"; user: ManagedUser }
  | { kind: "permissions"; user: ManagedUser }
  | { kind: "toggle"; user: ManagedUser };

/**
 * The workspace's people: who they are, their role and whether they can log in. Administrators create, edit,
 * deactivate/reactivate and reset passwords; supervisors see the list only (the server refuses their writes anyway).
 */
export function UsersAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const session = useSession();
  const users = useUsers();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [notice, setNotice] = useState("");
  const titleId = useId();
  // Whoever has users.manage (administrators, or a grant): the signed-in user's own entry in the list says.
  const self = users.data?.data.find((u) => u.id === session?.user.id);
  const canEdit = self ? effectivePermissionsOf(self).includes("users.manage") : session?.user.role === "admin";
  const close = () => setDialog(null);
  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
  };

  return (
    <section aria-labelledby={titleId} className="mx-auto max-w-5xl space-y-4 p-4 md:p-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={titleId} className="text-lg font-semibold">
            {t("users.title")}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{canEdit ? t("users.description") : t("users.read-only")}</p>
        </div>
        {canEdit ? (
          <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
            <Icon name="plus" className="size-4" />
            {t("users.new")}
          </Button>
        ) : null}
      </div>
      <p role="status" className="text-sm text-slate-700 empty:hidden dark:text-slate-300">
        {notice}
      </p>

      {users.isPending ? (
        <p className="text-sm">{t("common.loading")}</p>
      ) : users.isError ? (
        <div role="alert" className="space-y-2 text-sm">
          <p>{errorText(users.error)}</p>
          <Button size="sm" onClick={() => void users.refetch()}>
            {t("common.retry")}
          </Button>
        </div>
      ) : users.data.data.length === 0 ? (
        <p className="text-sm">{t("users.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("users.title")}</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-600 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("users.column.name")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("users.column.email")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("users.column.role")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("users.column.status")}
                </th>
                {canEdit ? (
                  <th scope="col" className="px-3 py-2 font-medium">
                    <span className="sr-only">{t("users.column.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {users.data.data.map((user) => {
                const isSelf = user.id === session?.user.id;
                return (
                  <tr key={user.id} className={user.active ? "" : "text-slate-500 dark:text-slate-400"}>
                    <th scope="row" className="px-3 py-2 font-medium">
                      {user.name}
                      {isSelf ? <span className="ml-1 font-normal text-slate-500">{t("users.you")}</span> : null}
                    </th>
                    <td className="break-all px-3 py-2">{user.email}</td>
                    <td className="px-3 py-2">
                      {t(ROLE_LABELS[user.role])}
                      {user.permissions?.length ? (
                        <span className="block text-xs text-slate-600 dark:text-slate-400">{t("users.permissions.extra")}</span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      {user.active ? (
                        <Badge tone="neutral">{t("users.status.active")}</Badge>
                      ) : (
                        <Badge tone="danger">{t("users.status.deactivated")}</Badge>
                      )}
                    </td>
                    {canEdit ? (
                      <td className="px-3 py-2">
                        <div className="flex flex-wrap justify-end gap-1">
                          <Button
                            size="sm"
                            variant="ghost"
                            aria-label={t("users.edit.label", { name: user.name })}
                            onClick={() => setDialog({ kind: "edit", user })}
                          >
                            {t("users.edit")}
                          </Button>
                          <Button
                            size="sm"
                            variant="ghost"
                            aria-label={t("users.permissions.label", { name: user.name })}
                            onClick={() => setDialog({ kind: "permissions", user })}
                          >
                            {t("users.permissions")}
                          </Button>
                          <Button
                            size="sm"
                            variant="ghost"
                            aria-label={t("users.reset-password.label", { name: user.name })}
                            onClick={() => setDialog({ kind: "password", user })}
                          >
                            {t("users.reset-password")}
                          </Button>
                          {isSelf ? null : (
                            <Button
                              size="sm"
                              variant="ghost"
                              aria-label={t(user.active ? "users.deactivate.label" : "users.reactivate.label", { name: user.name })}
                              onClick={() => setDialog({ kind: "toggle", user })}
                            >
                              {t(user.active ? "users.deactivate" : "users.reactivate")}
                            </Button>
                          )}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {dialog?.kind === "create" ? (
        <CreateUserDialog onClose={close} onCreated={(user) => done(t("users.notice.created", { name: user.name }))} />
      ) : null}
      {dialog?.kind === "edit" ? (
        <EditUserDialog
          user={dialog.user}
          isSelf={dialog.user.id === session?.user.id}
          onClose={close}
          onSaved={(user) => done(t("users.notice.updated", { name: user.name }))}
        />
      ) : null}
      {dialog?.kind === "permissions" ? (
        <PermissionsDialog
          user={dialog.user}
          onClose={close}
          onSaved={(user) => done(t("users.notice.permissions", { name: user.name }))}
        />
      ) : null}
      {dialog?.kind === "password" ? (
        <ResetPasswordDialog
          user={dialog.user}
          onClose={close}
          onSaved={(user) => done(t("users.notice.password-reset", { name: user.name }))}
        />
      ) : null}
      {dialog?.kind === "toggle" ? (
        <ToggleActiveDialog
          user={dialog.user}
          onClose={close}
          onSaved={(user) => done(t(user.active ? "users.notice.reactivated" : "users.notice.deactivated", { name: user.name }))}
        />
      ) : null}
    </section>
  );
}
