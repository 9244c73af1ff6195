import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { Translate } from "../../../i18n/translate.ts";
import { type CampaignTemplate, contactFields, type SourceKind, type TemplateVariable, type VariableSource } from "../api/types.ts";
import { contactFieldLabel, sourceLabel } from "../utils/labels.ts";
import { isSourceComplete, previewValues, sourcesFor, switchSource } from "../utils/mapping.ts";
import type { WizardState } from "../utils/wizard-state.ts";
import { CampaignTemplatePreview } from "./template-preview.tsx";

/** Where a value comes from, in a few words (the preview's placeholders, the review). */
export function describeSource(t: Translate, source: VariableSource): string {
  switch (source.source) {
    case "contact":
      return t(contactFieldLabel[source.field]);
    case "attribute":
      return t("campaigns.source.attribute.named", { name: source.attribute || "…" });
    case "csv":
      return t("campaigns.source.csv.named", { name: source.column || "…" });
    case "fixed":
      return source.value;
    case "media":
      return t("campaigns.source.media");
    case "link":
      return source.url;
  }
}

const variableTitle = (t: Translate, variable: TemplateVariable) =>
  variable.key === "header.media"
    ? t("campaigns.variable.header-media")
    : variable.component === "header"
      ? t("campaigns.variable.header", { placeholder: `{{${variable.name}}}` })
      : variable.component === "button"
        ? t("campaigns.variable.button", { name: String((variable.buttonIndex ?? Number(variable.name)) + 1) })
        : t("campaigns.variable.body", { placeholder: `{{${variable.name}}}` });

/** Step 2: for each variable of the template, where its value comes from, with a preview filled as you go. */
export function MappingStep({
  state,
  template,
  missing,
  onChange,
}: {
  state: WizardState;
  template: CampaignTemplate;
  /** Keys the last "Next" found without a value. */
  missing: string[];
  onChange: (patch: Partial<WizardState>) => void;
}) {
  const t = useT();
  const setSource = (key: string, source: VariableSource) => onChange({ mapping: { ...state.mapping, [key]: source } });
  if (!template.variables.length) return <p className="text-sm">{t("campaigns.mapping.none")}</p>;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ul aria-label={t("campaigns.mapping.list")} className="space-y-4">
        {template.variables.map((variable) => (
          <li key={variable.key}>
            <VariableRow
              variable={variable}
              source={state.mapping[variable.key]}
              columns={state.csvColumns}
              error={
                missing.includes(variable.key) && !isSourceComplete(state.mapping[variable.key])
                  ? t("campaigns.mapping.required")
                  : undefined
              }
              onChange={(source) => setSource(variable.key, source)}
            />
          </li>
        ))}
      </ul>
      <CampaignTemplatePreview template={template} values={previewValues(template, state.mapping, (s) => describeSource(t, s))} />
    </div>
  );
}

function VariableRow({
  variable,
  source,
  columns,
  error,
  onChange,
}: {
  variable: TemplateVariable;
  source: VariableSource | undefined;
  columns: string[];
  error: string | undefined;
  onChange: (source: VariableSource) => void;
}) {
  const t = useT();
  const title = variableTitle(t, variable);
  const kinds = sourcesFor(variable);
  const withFallback = source?.source === "contact" || source?.source === "attribute" || source?.source === "csv" ? source : null;
  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-semibold">
        {title}
        {variable.example ? (
          <span className="ml-2 font-normal text-slate-600 dark:text-slate-400">
            {t("campaigns.variable.example", { example: variable.example })}
          </span>
        ) : null}
        {variable.optional ? (
          <span className="ml-2 font-normal text-slate-600 dark:text-slate-400">{t("campaigns.variable.optional")}</span>
        ) : null}
      </legend>
      <div className="grid gap-2 sm:grid-cols-2">
        <SelectField
          label={t("campaigns.mapping.source", { variable: title })}
          value={source?.source ?? ""}
          error={error}
          onChange={(e) => onChange(switchSource(source, e.target.value as SourceKind))}
        >
          <option value="">{t("campaigns.mapping.choose")}</option>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(sourceLabel[kind])}
            </option>
          ))}
        </SelectField>
        <SourceInput source={source} columns={columns} title={title} onChange={onChange} />
      </div>
      {withFallback ? (
        <TextField
          label={t("campaigns.mapping.fallback", { variable: title })}
          hint={t("campaigns.mapping.fallback.hint")}
          value={withFallback.fallback ?? ""}
          onChange={(e) => onChange({ ...withFallback, fallback: e.target.value })}
        />
      ) : null}
    </fieldset>
  );
}

function SourceInput({
  source,
  columns,
  title,
  onChange,
}: {
  source: VariableSource | undefined;
  columns: string[];
  title: string;
  onChange: (source: VariableSource) => void;
}) {
  const t = useT();
  switch (source?.source) {
    case "contact":
      return (
        <SelectField
          label={t("campaigns.mapping.field", { variable: title })}
          value={source.field}
          onChange={(e) => onChange({ ...source, field: e.target.value as (typeof contactFields)[number] })}
        >
          {contactFields.map((field) => (
            <option key={field} value={field}>
              {t(contactFieldLabel[field])}
            </option>
          ))}
        </SelectField>
      );
    case "attribute":
      return (
        <TextField
          label={t("campaigns.mapping.attribute", { variable: title })}
          value={source.attribute}
          onChange={(e) => onChange({ ...source, attribute: e.target.value })}
        />
      );
    case "csv":
      return columns.length ? (
        <SelectField
          label={t("campaigns.mapping.column", { variable: title })}
          value={source.column}
          onChange={(e) => onChange({ ...source, column: e.target.value })}
        >
          <option value="">{t("campaigns.mapping.choose")}</option>
          {columns.map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </SelectField>
      ) : (
        <TextField
          label={t("campaigns.mapping.column", { variable: title })}
          hint={t("campaigns.mapping.column.hint")}
          value={source.column}
          onChange={(e) => onChange({ ...source, column: e.target.value })}
        />
      );
    case "fixed":
      return (
        <TextField
          label={t("campaigns.mapping.value", { variable: title })}
          value={source.value}
          onChange={(e) => onChange({ ...source, value: e.target.value })}
        />
      );
    case "media":
      return (
        <TextField
          label={t("campaigns.mapping.media", { variable: title })}
          value={source.mediaId}
          onChange={(e) => onChange({ ...source, mediaId: e.target.value })}
        />
      );
    case "link":
      return (
        <TextField
          label={t("campaigns.mapping.link", { variable: title })}
          type="url"
          placeholder="https://"
          value={source.url}
          onChange={(e) => onChange({ ...source, url: e.target.value })}
        />
      );
    default:
      return null;
  }
}
