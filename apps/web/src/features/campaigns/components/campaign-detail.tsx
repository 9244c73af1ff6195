import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { useCampaignAction, useCampaignReport, useExportReport } from "../api/campaigns.ts";
import { type Campaign, type CampaignAction, campaignKeys } from "../api/types.ts";
import { pausedReasonLabel, statusLabel, statusTone } from "../utils/labels.ts";
import { CampaignReportView } from "./campaign-report.tsx";
import { RaiseBudget } from "./raise-budget.tsx";
import { RecipientsTable } from "./recipients-table.tsx";

type Control = Exclude<CampaignAction, "launch">;

/** Which controls a status offers (the server refuses the others with campaigns.invalid_transition). */
export function controlsFor(status: Campaign["status"]): Control[] {
  switch (status) {
    case "running":
    case "scheduled":
      return ["pause", "cancel"];
    case "paused":
      return ["resume", "cancel"];
    default:
      return [];
  }
}

const controlLabel: Record<Control, TranslationKey> = {
  pause: "campaigns.action.pause",
  resume: "campaigns.action.resume",
  cancel: "campaigns.action.cancel",
};
const confirmText: Record<Control, TranslationKey> = {
  pause: "campaigns.action.pause.confirm",
  resume: "campaigns.action.resume.confirm",
  cancel: "campaigns.action.cancel.confirm",
};

/** A launched campaign: its state in plain words, the controls its state allows, the live report and the recipients. */
export function CampaignDetail({ campaign, onBack }: { campaign: Campaign; onBack: () => void }) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const report = useCampaignReport(campaign.id, campaign.status);
  const action = useCampaignAction(campaign.id);
  const exporting = useExportReport(campaign);
  const [confirming, setConfirming] = useState<Control | null>(null);
  const queryClient = useQueryClient();
  const reportAt = report.dataUpdatedAt;
  // Each fresh report (live or polled) means outcomes moved: the recipients' statuses follow it.
  const seenReportAt = useRef(0);
  useEffect(() => {
    const previous = seenReportAt.current;
    seenReportAt.current = reportAt;
    if (previous && reportAt !== previous) void queryClient.invalidateQueries({ queryKey: campaignKeys.recipientsOf(campaign.id) });
  }, [reportAt, campaign.id, queryClient]);
  const throttledUntil = report.data?.throttledUntil ?? campaign.throttledUntil;
  const throttled = throttledUntil && new Date(throttledUntil).getTime() > Date.now() && campaign.status === "running";
  const pausedReason = campaign.status === "paused" ? (report.data?.pausedReason ?? campaign.pausedReason) : null;

  return (
    <section aria-labelledby="campaign-detail-title" className="space-y-6">
      <Button variant="ghost" size="sm" onClick={onBack}>
        <Icon name="back" className="size-4" />
        {t("campaigns.back")}
      </Button>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h3 id="campaign-detail-title" className="flex flex-wrap items-center gap-2 text-lg font-semibold">
            {campaign.name} <Badge tone={statusTone[campaign.status]}>{t(statusLabel[campaign.status])}</Badge>
          </h3>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {t("campaigns.detail.template", { name: campaign.template.name, language: campaign.template.language })} ·{" "}
            {t("campaigns.rate.value", { rate: campaign.ratePerSecond })}
            {campaign.launchedAt ? ` · ${t("campaigns.detail.launched", { when: format.dateTime(campaign.launchedAt) })}` : ""}
            {campaign.completedAt ? ` · ${t("campaigns.detail.completed", { when: format.dateTime(campaign.completedAt) })}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {controlsFor(campaign.status).map((control) => (
            <Button key={control} variant={control === "cancel" ? "danger" : "secondary"} onClick={() => setConfirming(control)}>
              {t(controlLabel[control])}
            </Button>
          ))}
          <Button onClick={() => exporting.mutate()} disabled={exporting.isPending}>
            <Icon name="download" className="size-4" />
            {t("campaigns.export")}
          </Button>
        </div>
      </header>
      {exporting.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("campaigns.export.error", { reason: errorText(exporting.error) })}
        </p>
      ) : null}
      {campaign.status === "scheduled" && campaign.startAt ? (
        <p role="status" className="rounded-lg bg-indigo-50 p-3 text-sm text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100">
          {t("campaigns.banner.scheduled", { when: format.dateTime(campaign.startAt) })}
        </p>
      ) : null}
      {pausedReason ? (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {t(pausedReasonLabel[pausedReason])}
        </p>
      ) : null}
      {pausedReason === "budget" ? <RaiseBudget campaign={campaign} /> : null}
      {throttled ? (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {t("campaigns.banner.throttled", { when: format.dateTime(throttledUntil) })}
        </p>
      ) : null}
      {report.isError ? (
        <div role="alert" className="space-y-2 text-sm text-red-700 dark:text-red-300">
          <p>{t("campaigns.report.error", { reason: errorText(report.error) })}</p>
          <Button size="sm" onClick={() => void report.refetch()}>
            {t("common.retry")}
          </Button>
        </div>
      ) : null}
      {report.isPending && campaign.status !== "draft" ? <p className="text-sm">{t("common.loading")}</p> : null}
      {report.data ? <CampaignReportView report={report.data} /> : null}
      <RecipientsTable campaignId={campaign.id} />
      {confirming ? (
        <Dialog title={t(controlLabel[confirming])} closeLabel={t("common.close")} onClose={() => setConfirming(null)}>
          <div className="space-y-4">
            <p className="text-sm">{t(confirmText[confirming], { name: campaign.name })}</p>
            {action.isError ? (
              <p role="alert" className="text-sm text-red-700 dark:text-red-300">
                {errorText(action.error)}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Button onClick={() => setConfirming(null)}>{t("campaigns.cancel-dialog")}</Button>
              <Button
                variant={confirming === "cancel" ? "danger" : "primary"}
                disabled={action.isPending}
                onClick={() => action.mutate(confirming, { onSuccess: () => setConfirming(null) })}
              >
                {t("campaigns.action.confirm")}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
