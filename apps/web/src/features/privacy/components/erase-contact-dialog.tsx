import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useEraseContact } from "../api/erase-contact.ts";
import type { ErasureReport } from "../api/types.ts";

/**
 * Asks before an erasure, which cannot be undone: the agent types the contact's phone number or the word APAGAR
 * (ERASE); the server checks the same (422 privacy.confirmation_mismatch otherwise).
 */
export function EraseContactDialog({
  contactId,
  onClose,
  onErased,
}: {
  contactId: string;
  onClose: () => void;
  onErased: (report: ErasureReport) => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const erase = useEraseContact(contactId);
  const [confirm, setConfirm] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirm.trim()) return;
    erase.mutate(confirm.trim(), { onSuccess: onErased });
  };
  return (
    <Dialog title={t("privacy.erase.title")} closeLabel={t("common.close")} onClose={onClose}>
      <form className="space-y-4" onSubmit={submit}>
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("privacy.erase.warning")}</p>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
          <li>{t("privacy.erase.what.contact")}</li>
          <li>{t("privacy.erase.what.messages")}</li>
          <li>{t("privacy.erase.what.kept")}</li>
        </ul>
        <TextField
          label={t("privacy.erase.confirm-label")}
          value={confirm}
          autoComplete="off"
          onChange={(event) => setConfirm(event.target.value)}
          aria-invalid={erase.isError ? true : undefined}
        />
        {erase.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorText(erase.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("privacy.cancel")}</Button>
          <Button type="submit" variant="danger" disabled={erase.isPending || !confirm.trim()}>
            {erase.isPending ? t("privacy.erase.submitting") : t("privacy.erase.submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
