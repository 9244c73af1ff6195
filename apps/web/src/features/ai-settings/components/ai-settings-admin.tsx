import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { CheckboxField } from "../../../components/ui/checkbox-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { fieldErrorsOf } from "../../../lib/field-errors.ts";
import { useAiSettings, useTestProvider, useUpdateAiSettings } from "../api/ai-settings.ts";
import { type AiSettings, type AiSettingsBody, type CopilotFeature, copilotFeatures } from "../api/types.ts";
import { featureLabel } from "../utils/labels.ts";
import { AiUsagePanel } from "./ai-usage-panel.tsx";
import { providerPresets } from "./provider-presets.ts";

const FIELDS = [
  "baseUrl",
  "apiKey",
  "chatModel",
  "embeddingModel",
  "transcriptionModel",
  "timeoutMs",
  "maxRetries",
  "monthlyTokenBudget",
] as const;
type Field = (typeof FIELDS)[number];

interface Values {
  useProvider: boolean;
  baseUrl: string;
  apiKey: string;
  clearApiKey: boolean;
  chatModel: string;
  embeddingModel: string;
  transcriptionModel: string;
  transcriptionAcceptsOgg: boolean;
  timeoutSeconds: string;
  maxRetries: string;
  features: Record<CopilotFeature, boolean>;
  maskPersonalData: boolean;
  budget: string;
}

const valuesOf = (s: AiSettings): Values => ({
  useProvider: s.provider !== null,
  baseUrl: s.provider?.baseUrl ?? "",
  apiKey: "",
  clearApiKey: false,
  chatModel: s.provider?.chatModel ?? "",
  embeddingModel: s.provider?.embeddingModel ?? "",
  transcriptionModel: s.provider?.transcriptionModel ?? "",
  transcriptionAcceptsOgg: s.provider?.transcriptionAcceptsOgg ?? true,
  timeoutSeconds: String((s.provider?.timeoutMs ?? 15_000) / 1000),
  maxRetries: String(s.provider?.maxRetries ?? 2),
  features: { ...s.features },
  maskPersonalData: s.maskPersonalData,
  budget: s.monthlyTokenBudget === null ? "" : String(s.monthlyTokenBudget),
});

function bodyOf(v: Values): AiSettingsBody {
  const apiKey = v.clearApiKey ? { apiKey: "" } : v.apiKey ? { apiKey: v.apiKey } : {};
  return {
    provider: v.useProvider
      ? {
          baseUrl: v.baseUrl.trim(),
          chatModel: v.chatModel.trim(),
          embeddingModel: v.embeddingModel.trim(),
          transcriptionModel: v.transcriptionModel.trim(),
          transcriptionAcceptsOgg: v.transcriptionAcceptsOgg,
          timeoutMs: Math.round(Number(v.timeoutSeconds) * 1000),
          maxRetries: Number(v.maxRetries),
          ...apiKey,
        }
      : null,
    features: v.features,
    maskPersonalData: v.maskPersonalData,
    monthlyTokenBudget: v.budget.trim() === "" ? null : Number(v.budget),
  };
}

function ProviderTest() {
  const t = useT();
  const errorText = useErrorText();
  const test = useTestProvider();
  return (
    <div className="space-y-2">
      <Button onClick={() => test.mutate()} disabled={test.isPending}>
        {test.isPending ? t("ai.admin.test.running") : t("ai.admin.test")}
      </Button>
      {test.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(test.error)}
        </p>
      ) : null}
      {test.data ? (
        <ul aria-label={t("ai.admin.test.results")} className="space-y-1 text-sm">
          {test.data.checks.map((check) => (
            <li key={check.capability} className={check.ok ? "text-emerald-800 dark:text-emerald-300" : "text-red-700 dark:text-red-400"}>
              {t(check.ok ? "ai.admin.test.ok" : "ai.admin.test.failed", {
                capability: check.capability,
                ms: check.ms,
                message: check.message ?? "",
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function SettingsForm({ saved }: { saved: AiSettings }) {
  const t = useT();
  const errorText = useErrorText();
  const update = useUpdateAiSettings();
  const [values, setValues] = useState<Values>(() => valuesOf(saved));
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    update.reset();
    setValues((v) => ({ ...v, [key]: value }));
  };
  const { fields, unplaced } = fieldErrorsOf<Field>(update.error, FIELDS);
  const fieldError = (field: Field) => (fields[field] ? t("ai.admin.field.invalid") : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(bodyOf(values), { onSuccess: (answer) => setValues(valuesOf(answer)) });
  };

  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 font-semibold">{t("ai.admin.provider.title")}</legend>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("ai.admin.provider.intro")}</p>
        <CheckboxField
          label={t("ai.admin.provider.use")}
          hint={t("ai.admin.provider.use-hint")}
          checked={values.useProvider}
          onChange={(v) => set("useProvider", v)}
        />
        {values.useProvider ? (
          <div className="space-y-4">
            <fieldset className="flex flex-wrap items-center gap-2">
              <legend className="float-left mr-2 text-sm font-medium">{t("ai.admin.presets")}</legend>
              {providerPresets.map((preset) => (
                <Button
                  key={preset.id}
                  size="sm"
                  onClick={() =>
                    setValues((v) => ({
                      ...v,
                      baseUrl: preset.baseUrl,
                      chatModel: preset.chatModel || v.chatModel,
                      transcriptionModel: preset.transcriptionModel,
                      transcriptionAcceptsOgg: preset.acceptsOgg,
                    }))
                  }
                >
                  {preset.label}
                </Button>
              ))}
            </fieldset>
            <div className="grid gap-4 md:grid-cols-2">
              <TextField
                label={t("ai.admin.base-url")}
                hint={t("ai.admin.base-url-hint")}
                type="url"
                value={values.baseUrl}
                error={fieldError("baseUrl")}
                onChange={(e) => set("baseUrl", e.target.value)}
              />
              <TextField
                label={t("ai.admin.api-key")}
                hint={saved.provider?.hasApiKey ? t("ai.admin.api-key-stored") : t("ai.admin.api-key-hint")}
                type="password"
                autoComplete="off"
                value={values.apiKey}
                error={fieldError("apiKey")}
                onChange={(e) => set("apiKey", e.target.value)}
              />
              <TextField
                label={t("ai.admin.chat-model")}
                value={values.chatModel}
                error={fieldError("chatModel")}
                onChange={(e) => set("chatModel", e.target.value)}
              />
              <TextField
                label={t("ai.admin.embedding-model")}
                hint={t("ai.admin.optional")}
                value={values.embeddingModel}
                error={fieldError("embeddingModel")}
                onChange={(e) => set("embeddingModel", e.target.value)}
              />
              <TextField
                label={t("ai.admin.transcription-model")}
                hint={t("ai.admin.transcription-model-hint")}
                value={values.transcriptionModel}
                error={fieldError("transcriptionModel")}
                onChange={(e) => set("transcriptionModel", e.target.value)}
              />
              <TextField
                label={t("ai.admin.timeout")}
                type="number"
                min={1}
                max={120}
                value={values.timeoutSeconds}
                error={fieldError("timeoutMs")}
                onChange={(e) => set("timeoutSeconds", e.target.value)}
              />
              <TextField
                label={t("ai.admin.retries")}
                type="number"
                min={0}
                max={5}
                value={values.maxRetries}
                error={fieldError("maxRetries")}
                onChange={(e) => set("maxRetries", e.target.value)}
              />
            </div>
            <CheckboxField
              label={t("ai.admin.accepts-ogg")}
              hint={t("ai.admin.accepts-ogg-hint")}
              checked={values.transcriptionAcceptsOgg}
              onChange={(v) => set("transcriptionAcceptsOgg", v)}
            />
            {saved.provider?.hasApiKey ? (
              <CheckboxField label={t("ai.admin.api-key-clear")} checked={values.clearApiKey} onChange={(v) => set("clearApiKey", v)} />
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("ai.admin.builtin-only")}</p>
        )}
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 font-semibold">{t("ai.admin.features.title")}</legend>
        {copilotFeatures.map((feature) => (
          <CheckboxField
            key={feature}
            label={t(featureLabel[feature].label)}
            hint={t(featureLabel[feature].hint)}
            checked={values.features[feature]}
            onChange={(v) => set("features", { ...values.features, [feature]: v })}
          />
        ))}
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 font-semibold">{t("ai.admin.privacy.title")}</legend>
        <CheckboxField
          label={t("ai.admin.mask")}
          hint={t("ai.admin.mask-hint")}
          checked={values.maskPersonalData}
          onChange={(v) => set("maskPersonalData", v)}
        />
        <TextField
          label={t("ai.admin.budget")}
          hint={t("ai.admin.budget-hint")}
          type="number"
          min={0}
          className="max-w-sm"
          value={values.budget}
          error={fieldError("monthlyTokenBudget")}
          onChange={(e) => set("budget", e.target.value)}
        />
      </fieldset>

      {unplaced ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(unplaced)}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={update.isPending}>
          {update.isPending ? t("ai.admin.saving") : t("ai.admin.save")}
        </Button>
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {update.isSuccess ? t("ai.admin.saved") : ""}
        </p>
      </div>
      {saved.provider ? <ProviderTest /> : null}
    </form>
  );
}

/** Admin → Copilot: which AI provider (if any), which features, personal-data masking, the monthly budget and usage. */
export function AiSettingsAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const settings = useAiSettings();
  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4 md:p-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold">{t("ai.admin.title")}</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("ai.admin.intro")}</p>
      </header>
      {settings.isPending ? <p className="text-sm">{t("ai.admin.loading")}</p> : null}
      {settings.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t("ai.admin.error", { reason: errorText(settings.error) })}
        </p>
      ) : null}
      {settings.data ? <SettingsForm saved={settings.data} /> : null}
      {settings.data ? <AiUsagePanel /> : null}
    </div>
  );
}
