import { Badge } from "../../../components/ui/badge.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useApprovedTemplates } from "../api/campaigns.ts";
import type { CampaignTemplate, ChannelOption } from "../api/types.ts";
import { categoryLabel } from "../utils/labels.ts";
import { previewValues } from "../utils/mapping.ts";
import { DEFAULT_RATE, type WizardState } from "../utils/wizard-state.ts";
import { CampaignTemplatePreview } from "./template-preview.tsx";

export const NAME_MAX = 120;

/** Step 1: what the campaign is called, which number sends it and which approved template it sends. */
export function BasicsStep({
  state,
  channels,
  errors,
  onChange,
}: {
  state: WizardState;
  channels: ChannelOption[];
  errors: { name?: string; channelId?: string; templateId?: string };
  onChange: (patch: Partial<WizardState>) => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const templates = useApprovedTemplates(state.channelId);
  const approved = (templates.data?.data ?? []).filter((tpl) => tpl.status === "APPROVED");
  const template = approved.find((tpl) => tpl.id === state.templateId);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className="space-y-4">
        <TextField
          label={t("campaigns.name")}
          value={state.name}
          maxLength={NAME_MAX}
          error={errors.name}
          onChange={(e) => onChange({ name: e.target.value })}
        />
        <SelectField
          label={t("campaigns.channel")}
          value={state.channelId}
          error={errors.channelId}
          onChange={(e) => {
            const rate = channels.find((c) => c.id === e.target.value)?.sendRatePerSecond ?? DEFAULT_RATE;
            onChange({ channelId: e.target.value, templateId: "", mapping: {}, rate: Math.min(DEFAULT_RATE, rate) });
          }}
        >
          <option value="">{t("campaigns.channel.choose")}</option>
          {channels.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.displayPhoneNumber ? `${channel.name} (${channel.displayPhoneNumber})` : channel.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("campaigns.template")}
          value={state.templateId}
          error={errors.templateId}
          disabled={!state.channelId}
          hint={t("campaigns.template.hint")}
          onChange={(e) => onChange({ templateId: e.target.value, mapping: {} })}
        >
          <option value="">{templates.isPending && state.channelId ? t("common.loading") : t("campaigns.template.choose")}</option>
          {approved.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {`${tpl.name} · ${tpl.language}`}
            </option>
          ))}
        </SelectField>
        {templates.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorText(templates.error)}
          </p>
        ) : null}
        {state.channelId && templates.data && !approved.length ? <p className="text-sm">{t("campaigns.template.none")}</p> : null}
      </div>
      {template ? <TemplateSummary template={template} /> : null}
    </div>
  );
}

function TemplateSummary({ template }: { template: CampaignTemplate }) {
  const t = useT();
  const examples = previewValues(template, {}, () => "");
  const category = categoryLabel[template.category];
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        {t("campaigns.category")}:{" "}
        <Badge tone={template.category === "MARKETING" ? "warning" : "info"}>{category ? t(category) : template.category}</Badge>
      </p>
      {template.category === "MARKETING" ? (
        <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {t("campaigns.marketing-note")}
        </p>
      ) : null}
      <CampaignTemplatePreview template={template} values={examples} />
    </div>
  );
}
