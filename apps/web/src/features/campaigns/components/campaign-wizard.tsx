import { useEffect, useRef, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import {
  useApprovedTemplates,
  useCampaignAction,
  useDeleteCampaign,
  useEstimate,
  useSaveCampaign,
  useUploadCsv,
} from "../api/campaigns.ts";
import type { Campaign, CampaignInput, ChannelOption, CsvUploadResult } from "../api/types.ts";
import { stepLabel, type WizardStep, wizardSteps } from "../utils/labels.ts";
import { cleanMapping, defaultSource, missingVariables, usesCsv } from "../utils/mapping.ts";
import { zonedToIso } from "../utils/time-zone.ts";
import { audienceOf, emptyWizard, parseBudget, type WizardState, wizardFromCampaign } from "../utils/wizard-state.ts";
import { AudienceStep } from "./audience-step.tsx";
import { BasicsStep } from "./basics-step.tsx";
import { EstimateView } from "./estimate-view.tsx";
import { MappingStep } from "./mapping-step.tsx";
import { ScheduleStep } from "./schedule-step.tsx";

type Errors = Partial<Record<"name" | "channelId" | "templateId" | "audience" | "startLocal" | "rate" | "budgetCap", string>>;

/**
 * The five steps from nothing to a launched campaign. Each "Next" checks its step and saves it into the draft on
 * the server (created by the first), so a draft left halfway is found in the list and reopened where it was.
 */
export function CampaignWizard({
  draft,
  channels,
  timeZone,
  onLaunched,
  onClose,
}: {
  draft: Campaign | null;
  channels: ChannelOption[];
  timeZone: string;
  onLaunched: (campaign: Campaign) => void;
  onClose: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [state, setState] = useState<WizardState>(() =>
    draft ? wizardFromCampaign(draft, timeZone) : { ...emptyWizard(), channelId: channels.length === 1 ? (channels[0]?.id ?? "") : "" },
  );
  const [campaignId, setCampaignId] = useState<string | null>(draft?.id ?? null);
  const [step, setStep] = useState<WizardStep>("basics");
  const [errors, setErrors] = useState<Errors>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [lastUpload, setLastUpload] = useState<CsvUploadResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteCampaign();
  const save = useSaveCampaign();
  const upload = useUploadCsv(campaignId ?? "");
  const estimate = useEstimate(campaignId ?? "");
  const launch = useCampaignAction(campaignId ?? "");
  const templates = useApprovedTemplates(state.channelId);
  const template = templates.data?.data.find((tpl) => tpl.id === state.templateId && tpl.status === "APPROVED");
  const channel = channels.find((c) => c.id === state.channelId);
  const maxRate = channel?.sendRatePerSecond ?? 80;
  const heading = useRef<HTMLHeadingElement>(null);
  const index = wizardSteps.indexOf(step);

  const change = (patch: Partial<WizardState>) => setState((current) => ({ ...current, ...patch }));

  // A newly chosen template gets its first-guess sources, so the mapping step opens filled where it can be.
  useEffect(() => {
    if (!template || Object.keys(state.mapping).length) return;
    setState((current) => ({
      ...current,
      mapping: Object.fromEntries(template.variables.filter((v) => !v.optional).map((v) => [v.key, defaultSource(v)])),
    }));
  }, [template, state.mapping]);

  const goTo = (next: WizardStep) => {
    setErrors({});
    setStep(next);
    if (next === "review" && campaignId) estimate.mutate();
    requestAnimationFrame(() => heading.current?.focus());
  };

  const persist = (input: Partial<CampaignInput>, next: WizardStep) =>
    save.mutate(
      { id: campaignId, input },
      {
        onSuccess: (campaign) => {
          setCampaignId(campaign.id);
          goTo(next);
        },
      },
    );

  const mappingOf = () => (template ? cleanMapping(template, state.mapping) : {});

  const next = () => {
    save.reset();
    switch (step) {
      case "basics": {
        const found: Errors = {};
        if (!state.name.trim()) found.name = t("campaigns.error.name");
        if (!state.channelId) found.channelId = t("campaigns.error.channel");
        if (!state.templateId || !template) found.templateId = t("campaigns.error.template");
        setErrors(found);
        if (Object.keys(found).length) return;
        const mapping = mappingOf();
        persist(
          campaignId
            ? { name: state.name.trim(), channelId: state.channelId, templateId: state.templateId, mapping }
            : {
                name: state.name.trim(),
                channelId: state.channelId,
                templateId: state.templateId,
                mapping,
                audience: usesCsv(mapping) ? { kind: "csv" } : audienceOf(state),
              },
          "mapping",
        );
        return;
      }
      case "mapping": {
        if (!template) return;
        const keys = missingVariables(template, state.mapping);
        setMissing(keys);
        if (keys.length) return;
        const mapping = mappingOf();
        // Values from CSV columns need a CSV audience: the audience step then opens on the upload.
        if (usesCsv(mapping)) change({ audienceKind: "csv" });
        persist(usesCsv(mapping) ? { mapping, audience: { kind: "csv" } } : { mapping }, "audience");
        return;
      }
      case "audience": {
        if (state.audienceKind === "filter" && usesCsv(mappingOf())) {
          setErrors({ audience: t("campaigns.error.csv-mapping") });
          return;
        }
        if (state.audienceKind === "csv" && !state.csvAccepted) {
          setErrors({ audience: t("campaigns.error.csv") });
          return;
        }
        persist({ audience: audienceOf(state) }, "schedule");
        return;
      }
      case "schedule": {
        const found: Errors = {};
        const startAt = state.startMode === "later" ? zonedToIso(state.startLocal, timeZone) : null;
        if (state.startMode === "later" && (!startAt || new Date(startAt).getTime() <= Date.now()))
          found.startLocal = t("campaigns.error.start");
        if (!Number.isInteger(state.rate) || state.rate < 1 || state.rate > maxRate)
          found.rate = t("campaigns.error.rate", { max: maxRate });
        const budgetCap = parseBudget(state.budgetCap);
        if (budgetCap === undefined) found.budgetCap = t("campaigns.error.budget");
        setErrors(found);
        if (Object.keys(found).length) return;
        persist({ startAt, ratePerSecond: state.rate, budgetCap: budgetCap ?? null }, "review");
        return;
      }
      case "review":
        setConfirming(true);
    }
  };

  // The draft takes CSV rows only as a CSV audience: it is switched first, then the file is sent.
  const uploadCsv = (csv: string) => {
    if (!campaignId) return;
    save.mutate(
      { id: campaignId, input: { audience: { kind: "csv" } } },
      {
        onSuccess: () =>
          upload.mutate(csv, {
            onSuccess: (result) => {
              setLastUpload(result);
              change({ csvColumns: result.columns, csvAccepted: result.accepted });
            },
          }),
      },
    );
  };

  return (
    <section aria-labelledby="campaign-wizard-title" className="space-y-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="campaign-wizard-title" className="text-lg font-semibold">
          {draft ? t("campaigns.wizard.edit", { name: draft.name }) : t("campaigns.wizard.title")}
        </h3>
        <div className="flex flex-wrap gap-2">
          {campaignId ? (
            <Button variant="ghost" onClick={() => setDeleting(true)}>
              {t("campaigns.draft.delete")}
            </Button>
          ) : null}
          <Button variant="ghost" onClick={onClose}>
            {t("campaigns.wizard.close")}
          </Button>
        </div>
      </header>
      <ol aria-label={t("campaigns.wizard.steps")} className="flex flex-wrap gap-2">
        {wizardSteps.map((s, i) => (
          <li
            key={s}
            aria-current={s === step ? "step" : undefined}
            className={`flex items-center gap-2 rounded-full px-3 py-1 text-sm ${
              s === step
                ? "bg-brand-700 text-white"
                : i < index
                  ? "bg-brand-50 text-brand-800 dark:bg-brand-900/40 dark:text-brand-100"
                  : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200"
            }`}
          >
            <span className="tabular-nums">{i + 1}</span>
            {t(stepLabel[s])}
          </li>
        ))}
      </ol>
      <h4 ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
        {t("campaigns.wizard.step", { number: index + 1, total: wizardSteps.length, name: t(stepLabel[step]) })}
      </h4>
      {step === "basics" ? <BasicsStep state={state} channels={channels} errors={errors} onChange={change} /> : null}
      {step === "mapping" && template ? <MappingStep state={state} template={template} missing={missing} onChange={change} /> : null}
      {step === "mapping" && missing.length ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("campaigns.error.mapping", { count: missing.length })}
        </p>
      ) : null}
      {step === "audience" ? (
        <AudienceStep
          state={state}
          error={errors.audience}
          onChange={change}
          onUpload={uploadCsv}
          uploading={upload.isPending}
          uploadError={upload.error}
          lastUpload={lastUpload}
        />
      ) : null}
      {step === "schedule" ? (
        <ScheduleStep
          state={state}
          timeZone={timeZone}
          maxRate={maxRate}
          currency={draft?.currency ?? "USD"}
          errors={errors}
          onChange={change}
        />
      ) : null}
      {step === "review" ? <ReviewStep state={state} templateName={template?.name ?? ""} estimate={estimate} timeZone={timeZone} /> : null}
      {save.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("campaigns.error.save", { reason: errorText(save.error) })}
        </p>
      ) : null}
      <footer className="flex flex-wrap justify-between gap-2 border-t border-slate-200 pt-4 dark:border-slate-800">
        <Button disabled={index === 0 || save.isPending} onClick={() => goTo(wizardSteps[index - 1] ?? "basics")}>
          {t("campaigns.wizard.back")}
        </Button>
        <Button variant="primary" disabled={save.isPending || (step === "review" && (!estimate.data || estimate.isPending))} onClick={next}>
          {step === "review" ? t("campaigns.launch") : save.isPending ? t("campaigns.wizard.saving") : t("campaigns.wizard.next")}
        </Button>
      </footer>
      {confirming && campaignId ? (
        <Dialog title={t("campaigns.launch.confirm.title")} closeLabel={t("common.close")} onClose={() => setConfirming(false)}>
          <div className="space-y-4">
            <p className="text-sm">
              {state.startMode === "later"
                ? t("campaigns.launch.confirm.scheduled", { count: estimate.data?.recipients ?? 0, name: state.name })
                : t("campaigns.launch.confirm.now", { count: estimate.data?.recipients ?? 0, name: state.name })}
            </p>
            {launch.isError ? (
              <p role="alert" className="text-sm text-red-700 dark:text-red-300">
                {errorText(launch.error)} {unmappedKeys(launch.error).join(", ")}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Button onClick={() => setConfirming(false)}>{t("campaigns.cancel-dialog")}</Button>
              <Button variant="primary" disabled={launch.isPending} onClick={() => launch.mutate("launch", { onSuccess: onLaunched })}>
                {t("campaigns.launch.confirm.submit")}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
      {deleting && campaignId ? (
        <Dialog title={t("campaigns.draft.delete")} closeLabel={t("common.close")} onClose={() => setDeleting(false)}>
          <div className="space-y-4">
            <p className="text-sm">{t("campaigns.draft.delete.confirm", { name: state.name })}</p>
            {remove.isError ? (
              <p role="alert" className="text-sm text-red-700 dark:text-red-300">
                {errorText(remove.error)}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Button onClick={() => setDeleting(false)}>{t("campaigns.cancel-dialog")}</Button>
              <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(campaignId, { onSuccess: onClose })}>
                {t("campaigns.draft.delete.submit")}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

/** The variables a refused launch names (`campaigns.mapping_incomplete` lists them in `details.keys`). */
function unmappedKeys(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== "campaigns.mapping_incomplete") return [];
  const keys = (error.details as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === "string") : [];
}

function ReviewStep({
  state,
  templateName,
  estimate,
  timeZone,
}: {
  state: WizardState;
  templateName: string;
  estimate: ReturnType<typeof useEstimate>;
  timeZone: string;
}) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const startAt = state.startMode === "later" ? zonedToIso(state.startLocal, timeZone) : null;
  return (
    <div className="space-y-4">
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("campaigns.name")}</dt>
        <dd>{state.name}</dd>
        <dt className="font-medium">{t("campaigns.template")}</dt>
        <dd>{templateName}</dd>
        <dt className="font-medium">{t("campaigns.schedule.when")}</dt>
        <dd>{startAt ? `${format.dateTime(startAt)} (${timeZone})` : t("campaigns.schedule.now")}</dd>
        <dt className="font-medium">{t("campaigns.schedule.rate")}</dt>
        <dd>{t("campaigns.rate.value", { rate: state.rate })}</dd>
      </dl>
      {estimate.isPending ? <p className="text-sm">{t("campaigns.estimate.loading")}</p> : null}
      {estimate.isError ? (
        <div role="alert" className="space-y-2 text-sm text-red-700 dark:text-red-300">
          <p>{t("campaigns.estimate.error", { reason: errorText(estimate.error) })}</p>
          <Button size="sm" onClick={() => estimate.mutate()}>
            {t("common.retry")}
          </Button>
        </div>
      ) : null}
      {estimate.data ? <EstimateView estimate={estimate.data} /> : null}
    </div>
  );
}
