import { useId, useState } from "react";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { useContactTags } from "../api/campaigns.ts";
import type { CsvUploadResult } from "../api/types.ts";
import { downloadExampleCsv } from "../utils/csv-example.ts";
import { csvErrorLabel } from "../utils/labels.ts";
import type { WizardState } from "../utils/wizard-state.ts";

/** Step 3: who receives it: contacts chosen by tags and attributes, or the numbers of an uploaded CSV. */
export function AudienceStep({
  state,
  error,
  onChange,
  onUpload,
  uploading,
  uploadError,
  lastUpload,
}: {
  state: WizardState;
  error: string | undefined;
  onChange: (patch: Partial<WizardState>) => void;
  /** Sends the file's text; the wizard saves the draft as a CSV audience first. */
  onUpload: (csv: string) => void;
  uploading: boolean;
  uploadError: unknown;
  lastUpload: CsvUploadResult | null;
}) {
  const t = useT();
  const name = useId();
  return (
    <div className="space-y-4">
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-2 text-sm font-medium">{t("campaigns.audience.kind")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={name} checked={state.audienceKind === "filter"} onChange={() => onChange({ audienceKind: "filter" })} />
          {t("campaigns.audience.filter")}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={name} checked={state.audienceKind === "csv"} onChange={() => onChange({ audienceKind: "csv" })} />
          {t("campaigns.audience.csv")}
        </label>
      </fieldset>
      {state.audienceKind === "filter" ? (
        <FilterFields state={state} onChange={onChange} />
      ) : (
        <CsvUpload onUpload={onUpload} uploading={uploading} uploadError={uploadError} result={lastUpload} accepted={state.csvAccepted} />
      )}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function FilterFields({ state, onChange }: { state: WizardState; onChange: (patch: Partial<WizardState>) => void }) {
  const t = useT();
  const tags = useContactTags();
  const listId = useId();
  const setAttribute = (index: number, patch: Partial<{ key: string; value: string }>) =>
    onChange({ attributes: state.attributes.map((a, i) => (i === index ? { ...a, ...patch } : a)) });
  return (
    <div className="space-y-4">
      <datalist id={listId}>
        {(tags.data ?? []).map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("campaigns.audience.all-tags")}
          hint={t("campaigns.audience.tags.hint")}
          list={listId}
          value={state.allTags}
          onChange={(e) => onChange({ allTags: e.target.value })}
        />
        <TextField
          label={t("campaigns.audience.any-tags")}
          hint={t("campaigns.audience.tags.hint")}
          list={listId}
          value={state.anyTags}
          onChange={(e) => onChange({ anyTags: e.target.value })}
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("campaigns.audience.attributes")}</legend>
        {state.attributes.map((attribute, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and only removed by their own button
          <div key={index} className="flex items-end gap-2">
            <TextField
              label={t("campaigns.audience.attribute.key")}
              value={attribute.key}
              onChange={(e) => setAttribute(index, { key: e.target.value })}
            />
            <TextField
              label={t("campaigns.audience.attribute.value")}
              value={attribute.value}
              onChange={(e) => setAttribute(index, { value: e.target.value })}
            />
            <IconButton
              icon="trash"
              label={t("campaigns.audience.attribute.remove")}
              onClick={() => onChange({ attributes: state.attributes.filter((_, i) => i !== index) })}
            />
          </div>
        ))}
        <Button size="sm" onClick={() => onChange({ attributes: [...state.attributes, { key: "", value: "" }] })}>
          <Icon name="plus" className="size-4" />
          {t("campaigns.audience.attribute.add")}
        </Button>
      </fieldset>
      <p className="text-xs text-slate-600 dark:text-slate-400">{t("campaigns.audience.filter.hint")}</p>
    </div>
  );
}

function CsvUpload({
  onUpload,
  uploading,
  uploadError,
  result,
  accepted,
}: {
  onUpload: (csv: string) => void;
  uploading: boolean;
  uploadError: unknown;
  result: CsvUploadResult | null;
  accepted: number | null;
}) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const [readError, setReadError] = useState(false);
  const inputId = useId();
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700 dark:text-slate-300">{t("campaigns.csv.intro")}</p>
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={inputId} className="text-sm font-medium">
          {t("campaigns.csv.file")}
        </label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={uploading}
          className="text-sm"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (!file) return;
            setReadError(false);
            file.text().then(onUpload, () => setReadError(true));
          }}
        />
        <Button size="sm" variant="ghost" onClick={downloadExampleCsv}>
          <Icon name="download" className="size-4" />
          {t("campaigns.csv.example")}
        </Button>
      </div>
      {uploading ? <p className="text-sm">{t("campaigns.csv.uploading")}</p> : null}
      {readError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("campaigns.csv.read-error")}
        </p>
      ) : null}
      {uploadError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorText(uploadError)} {fieldOf(uploadError) ? t("campaigns.csv.error-field", { field: fieldOf(uploadError) ?? "" }) : null}
        </p>
      ) : null}
      {result ? (
        <div className="space-y-2">
          <p role="status" className="text-sm">
            {t("campaigns.csv.result", { accepted: format.number(result.accepted), rejected: format.number(result.rejected) })}
          </p>
          {result.columns.length ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {t("campaigns.csv.columns", { columns: result.columns.join(", ") })}
            </p>
          ) : null}
          {result.errors.length ? <CsvErrors errors={result.errors} rejected={result.rejected} /> : null}
        </div>
      ) : accepted !== null ? (
        <p className="text-sm">{t("campaigns.csv.previous", { accepted: format.number(accepted) })}</p>
      ) : null}
    </div>
  );
}

/** The column a refused upload names (`details.field`: a missing phone column, a column the variables read). */
function fieldOf(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const field = (error.details as { field?: unknown } | null)?.field;
  return typeof field === "string" ? field : null;
}

/** The rows the upload refused, one line each, so the file can be fixed and sent again. */
export function CsvErrors({ errors, rejected }: { errors: CsvUploadResult["errors"]; rejected: number }) {
  const t = useT();
  return (
    <div className="max-h-72 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm">
        <caption className="p-2 text-left text-sm font-medium">{t("campaigns.csv.errors", { count: rejected })}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr>
            <th scope="col" className="px-2 py-1">
              {t("campaigns.csv.errors.row")}
            </th>
            <th scope="col" className="px-2 py-1">
              {t("campaigns.csv.errors.field")}
            </th>
            <th scope="col" className="px-2 py-1">
              {t("campaigns.csv.errors.problem")}
            </th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error) => {
            const label = csvErrorLabel[error.code];
            return (
              <tr key={`${error.row}:${error.field ?? ""}:${error.code}`} className="border-t border-slate-200 dark:border-slate-800">
                <td className="px-2 py-1 tabular-nums">{error.row}</td>
                <td className="px-2 py-1">{error.field ?? "—"}</td>
                <td className="px-2 py-1">
                  {label ? t(label) : error.code}
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{error.message}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
