import { useId } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { ManagedUser } from "../api/types.ts";
import { useUpdateUser } from "../api/update-user.ts";
import { FormError } from "./form-error.tsx";

/** Asks before deactivating (sessions end at once) or reactivating a user. */
export function ToggleActiveDialog({
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
  const errorId = useId();
  const deactivating = user.active;
  const confirm = () => update.mutate({ userId: user.id, body: { active: !deactivating } }, { onSuccess: onSaved });

  return (
    <Dialog
      title={t(deactivating ? "users.deactivate.title" : "users.reactivate.title", { name: user.name })}
      closeLabel={t("common.close")}
      onClose={onClose}
    >
      <div className="space-y-4">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {t(deactivating ? "users.deactivate.body" : "users.reactivate.body", { name: user.name })}
        </p>
        <FormError id={errorId} error={update.error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("users.form.cancel")}</Button>
          <Button
            variant={deactivating ? "danger" : "primary"}
            disabled={update.isPending}
            aria-describedby={update.error ? errorId : undefined}
            onClick={confirm}
          >
            {update.isPending ? t("users.form.saving") : t(deactivating ? "users.deactivate.confirm" : "users.reactivate.confirm")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
