import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { CannedResponse } from "../../../lib/api-types.ts";
import { useDeleteCannedResponse } from "../api/delete-canned-response.ts";

/** Asks before deleting: agents stop finding the shortcut in the composer at once. */
export function DeleteCannedResponseDialog({
  response,
  onClose,
  onDeleted,
}: {
  response: CannedResponse;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const remove = useDeleteCannedResponse(response.id);
  return (
    <Dialog title={t("canned-responses.delete.title", { shortcut: response.shortcut })} closeLabel={t("common.close")} onClose={onClose}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("canned-responses.delete.warning", { title: response.title })}</p>
        {remove.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorText(remove.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("canned-responses.cancel")}</Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: onDeleted })}>
            {remove.isPending ? t("canned-responses.delete.submitting") : t("canned-responses.delete.submit")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
