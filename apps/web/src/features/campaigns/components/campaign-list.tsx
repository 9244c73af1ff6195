import { useState } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import { useCampaignReport, useCampaigns } from "../api/campaigns.ts";
import { type Campaign, campaignStatuses } from "../api/types.ts";
import { statusLabel, statusTone } from "../utils/labels.ts";
import { percent } from "../utils/report.ts";

/** Sent and delivered out of the recipients, from the report (drafts have none yet). */
function Progress({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const format = useFormat();
  const report = useCampaignReport(campaign.id, campaign.status);
  if (campaign.status === "draft") return <span className="text-xs text-slate-600 dark:text-slate-400">—</span>;
  const counts = report.data?.counts;
  const recipients = counts?.recipients ?? campaign.counts.recipients;
  const sent = counts?.sent ?? 0;
  const delivered = counts?.delivered ?? 0;
  const label = t("campaigns.list.progress", {
    sent: format.number(sent),
    delivered: format.number(delivered),
    recipients: format.number(recipients),
  });
  return (
    <div className="min-w-40 space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={recipients}
        aria-valuenow={sent}
        className="relative h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
      >
        <span className="absolute inset-y-0 left-0 bg-sky-300" style={{ width: percent(sent, recipients) }} />
        <span className="absolute inset-y-0 left-0 bg-brand-700" style={{ width: percent(delivered, recipients) }} />
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">{label}</p>
    </div>
  );
}

/** Every campaign, newest first, with its state and progress; a row opens the campaign (or its draft's wizard). */
export function CampaignList({ hrefOf, onNew }: { hrefOf: (campaign: Campaign) => string; onNew: () => void }) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const [status, setStatus] = useState("");
  const campaigns = useCampaigns(status);
  const rows = campaigns.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="max-w-2xl space-y-1">
          <h2 className="text-xl font-semibold">{t("campaigns.title")}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("campaigns.intro")}</p>
        </div>
        <Button variant="primary" onClick={onNew}>
          {t("campaigns.new")}
        </Button>
      </header>
      <SelectField label={t("campaigns.list.filter")} value={status} onChange={(e) => setStatus(e.target.value)} className="max-w-xs">
        <option value="">{t("campaigns.list.all")}</option>
        {campaignStatuses.map((s) => (
          <option key={s} value={s}>
            {t(statusLabel[s])}
          </option>
        ))}
      </SelectField>
      {campaigns.isError ? (
        <div role="alert" className="space-y-2 text-sm text-red-700 dark:text-red-300">
          <p>{t("campaigns.list.error", { reason: errorText(campaigns.error) })}</p>
          <Button size="sm" onClick={() => void campaigns.refetch()}>
            {t("common.retry")}
          </Button>
        </div>
      ) : null}
      {campaigns.isPending ? <p className="text-sm">{t("common.loading")}</p> : null}
      {campaigns.data && !rows.length ? <p className="text-sm">{t("campaigns.list.empty")}</p> : null}
      {rows.length ? (
        <div className="overflow-x-auto">
          <table aria-label={t("campaigns.list")} className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                <th scope="col" className="py-2 pr-3">
                  {t("campaigns.name")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("campaigns.list.status")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("campaigns.list.progress-title")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("campaigns.list.created")}
                </th>
                <th scope="col" className="py-2">
                  {t("campaigns.list.launched")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((campaign) => (
                <tr key={campaign.id} className="border-b border-slate-100 align-top dark:border-slate-900">
                  <td className="py-2 pr-3">
                    <a
                      href={hrefOf(campaign)}
                      className="font-medium text-brand-800 underline-offset-2 hover:underline dark:text-brand-100"
                    >
                      {campaign.name}
                    </a>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">{campaign.template.name}</span>
                  </td>
                  <td className="py-2 pr-3">
                    <Badge tone={statusTone[campaign.status]}>{t(statusLabel[campaign.status])}</Badge>
                  </td>
                  <td className="py-2 pr-3">
                    <Progress campaign={campaign} />
                  </td>
                  <td className="py-2 pr-3 whitespace-nowrap">{format.dateTime(campaign.createdAt)}</td>
                  <td className="py-2 whitespace-nowrap">{campaign.launchedAt ? format.dateTime(campaign.launchedAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {campaigns.hasNextPage ? (
        <Button onClick={() => void campaigns.fetchNextPage()} disabled={campaigns.isFetchingNextPage}>
          {campaigns.isFetchingNextPage ? t("common.loading") : t("campaigns.list.more")}
        </Button>
      ) : null}
    </div>
  );
}
