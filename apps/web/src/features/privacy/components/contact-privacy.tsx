import { useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import type { Contact } from "../../../lib/api-types.ts";
import { useExportContact } from "../api/export-contact.ts";
import type { ErasureReport } from "../api/types.ts";
import { useHasPermission } from "../api/use-permissions.ts";
import { EraseContactDialog } from "./erase-contact-dialog.tsx";

/**
 * The contact panel's "Dados pessoais (LGPD)" section: export everything about the contact as a ZIP (permission
 * data.export) and erase it (data.erase, with a typed confirmation). Hidden from whoever has neither.
 */
export function ContactPrivacy({ contact }: { contact: Contact }) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const headingId = useId();
  const canExport = useHasPermission("data.export");
  const canErase = useHasPermission("data.erase");
  const exporting = useExportContact(contact.id);
  const [erasing, setErasing] = useState(false);
  const [report, setReport] = useState<ErasureReport | null>(null);
  if (!canExport && !canErase) return null;
  const erasedAt = report?.erasedAt ?? contact.erasedAt;

  return (
    <section aria-labelledby={headingId} className="space-y-2 border-t border-slate-200 px-4 py-3 dark:border-slate-800">
      <h3 id={headingId} className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
        {t("privacy.section.title")}
      </h3>
      {erasedAt ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("privacy.erased-at", { date: format.dateTime(erasedAt) })}</p>
      ) : null}
      {report ? (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {t("privacy.erase.done", { messages: format.number(report.messages), media: format.number(report.media) })}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {canExport ? (
          <Button size="sm" onClick={() => exporting.mutate()} disabled={exporting.isPending}>
            <Icon name="download" className="size-4" />
            {exporting.isPending ? t("privacy.export.pending") : t("privacy.export.button")}
          </Button>
        ) : null}
        {canErase && !erasedAt ? (
          <Button size="sm" variant="danger" onClick={() => setErasing(true)}>
            {t("privacy.erase.button")}
          </Button>
        ) : null}
      </div>
      {exporting.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t("privacy.export.error", { reason: errorText(exporting.error) })}
        </p>
      ) : null}
      {erasing ? (
        <EraseContactDialog
          contactId={contact.id}
          onClose={() => setErasing(false)}
          onErased={(done) => {
            setReport(done);
            setErasing(false);
          }}
        />
      ) : null}
    </section>
  );
}
