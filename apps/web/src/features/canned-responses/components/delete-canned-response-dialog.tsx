import { ConfirmDialog } from "../../../components/ui/confirm-dialog.tsx";
import { useT } from "../../../i18n/i18n.tsx";
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
  const remove = useDeleteCannedResponse(response.id);
  return (
    <ConfirmDialog
      title={t("canned-responses.delete.title", { shortcut: response.shortcut })}
      warning={t("canned-responses.delete.warning", { title: response.title })}
      cancelLabel={t("canned-responses.cancel")}
      confirmLabel={remove.isPending ? t("canned-responses.delete.submitting") : t("canned-responses.delete.submit")}
      pending={remove.isPending}
      error={remove.isError ? remove.error : null}
      onConfirm={() => remove.mutate(undefined, { onSuccess: onDeleted })}
      onClose={onClose}
    />
  );
}
