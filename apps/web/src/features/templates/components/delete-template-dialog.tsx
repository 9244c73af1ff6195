import { useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useDeleteTemplate } from "../api/templates.ts";
import type { TemplateDto } from "../api/types.ts";

/**
 * Deleting is permanent at Meta and the name stays blocked there for a while, so the admin types the name to confirm
 * (a click alone is too easy on a list of look-alike names).
 */
export function DeleteTemplateDialog({ template, onClose }: { template: TemplateDto; onClose: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const remove = useDeleteTemplate();
  const [typed, setTyped] = useState("");
  const confirmed = typed.trim() === template.name;
  return (
    <Dialog
      title={t("templates-admin.delete.title", { name: template.name, language: template.language })}
      closeLabel={t("common.close")}
      onClose={onClose}
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (confirmed) remove.mutate(template.id, { onSuccess: onClose });
        }}
      >
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("templates-admin.delete.warning")}</p>
        <TextField
          label={t("templates-admin.delete.confirm-label", { name: template.name })}
          value={typed}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setTyped(event.target.value)}
        />
        {remove.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorText(remove.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("templates-admin.cancel")}</Button>
          <Button type="submit" variant="danger" disabled={!confirmed || remove.isPending}>
            {remove.isPending ? t("templates-admin.delete.submitting") : t("templates-admin.delete.submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
