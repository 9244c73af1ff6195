import { useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { useRecipients } from "../api/campaigns.ts";
import { type Recipient, recipientStatuses } from "../api/types.ts";
import { reasonText, recipientStatusLabel } from "../utils/labels.ts";

const messageStatusLabel: Record<string, TranslationKey> = {
  queued: "message.status.queued",
  sending: "message.status.sending",
  accepted: "message.status.accepted",
  sent: "message.status.sent",
  delivered: "message.status.delivered",
  read: "message.status.read",
  played: "message.status.played",
  failed: "message.status.failed",
};

function Outcome({ recipient }: { recipient: Recipient }) {
  const t = useT();
  if (recipient.status === "skipped") return <>{t(reasonText(recipient.skipReason ?? ""))}</>;
  const status = recipient.messageStatus ? messageStatusLabel[recipient.messageStatus] : undefined;
  return (
    <>
      {status ? t(status) : t(recipientStatusLabel[recipient.status])}
      {recipient.errorCode ? (
        <span className="block text-xs text-red-700 dark:text-red-300">
          {recipient.errorCode}
          {recipient.errorTitle ? ` · ${recipient.errorTitle}` : ""}
        </span>
      ) : null}
      {recipient.repliedAt ? (
        <span className="block text-xs text-brand-800 dark:text-brand-100">{t("campaigns.recipients.replied")}</span>
      ) : null}
    </>
  );
}

/** Who the campaign went to and what happened to each message, filtered by recipient status, a page at a time. */
export function RecipientsTable({ campaignId }: { campaignId: string }) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const [status, setStatus] = useState("");
  const recipients = useRecipients(campaignId, status);
  const rows = recipients.data?.pages.flatMap((page) => page.data) ?? [];
  const when = (iso: string | null) => (iso ? format.dateTime(iso) : "—");
  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h4 className="text-base font-semibold">{t("campaigns.recipients.title")}</h4>
        <SelectField label={t("campaigns.recipients.filter")} value={status} onChange={(e) => setStatus(e.target.value)} className="w-56">
          <option value="">{t("campaigns.recipients.all")}</option>
          {recipientStatuses.map((s) => (
            <option key={s} value={s}>
              {t(recipientStatusLabel[s])}
            </option>
          ))}
        </SelectField>
      </div>
      {recipients.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorText(recipients.error)}
        </p>
      ) : null}
      {recipients.isPending ? <p className="text-sm">{t("common.loading")}</p> : null}
      {recipients.data && !rows.length ? <p className="text-sm">{t("campaigns.recipients.empty")}</p> : null}
      {rows.length ? (
        <div className="overflow-x-auto">
          <table aria-label={t("campaigns.recipients.title")} className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                <th scope="col" className="py-1 pr-3">
                  {t("campaigns.recipients.name")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("campaigns.recipients.phone")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("campaigns.recipients.outcome")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("campaigns.recipients.sent-at")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("campaigns.recipients.delivered-at")}
                </th>
                <th scope="col" className="py-1">
                  {t("campaigns.recipients.read-at")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 align-top dark:border-slate-900">
                  <td className="py-1 pr-3">
                    {r.name ?? t("contact.unknown")}
                    {r.rowNumber !== null ? (
                      <span className="block text-xs text-slate-600 dark:text-slate-400">
                        {t("campaigns.recipients.row", { row: r.rowNumber })}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-1 pr-3 tabular-nums">{r.phone ?? "—"}</td>
                  <td className="py-1 pr-3">
                    <Outcome recipient={r} />
                  </td>
                  <td className="py-1 pr-3 whitespace-nowrap">{when(r.sentAt)}</td>
                  <td className="py-1 pr-3 whitespace-nowrap">{when(r.deliveredAt)}</td>
                  <td className="py-1 whitespace-nowrap">{when(r.readAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {recipients.hasNextPage ? (
        <Button onClick={() => void recipients.fetchNextPage()} disabled={recipients.isFetchingNextPage}>
          {recipients.isFetchingNextPage ? t("common.loading") : t("campaigns.recipients.more")}
        </Button>
      ) : null}
    </section>
  );
}
