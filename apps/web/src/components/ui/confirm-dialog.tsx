import { useErrorText, useT } from "../../i18n/i18n.tsx";
import { Button } from "./button.tsx";
import { Dialog } from "./dialog.tsx";

/**
 * Asks before a destructive action that a click may confirm (no name to type): what will happen, the API's error if
 * the action failed, Cancel and a danger button that is disabled while the action runs.
 */
export function ConfirmDialog({
  title,
  warning,
  cancelLabel,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  warning: string;
  cancelLabel: string;
  /** The button's text; may change while `pending`. */
  confirmLabel: string;
  pending: boolean;
  /** The failed attempt's error, shown as an alert; null while there is none. */
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  return (
    <Dialog title={title} closeLabel={t("common.close")} onClose={onClose}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700 dark:text-slate-300">{warning}</p>
        {error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorText(error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{cancelLabel}</Button>
          <Button variant="danger" disabled={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
