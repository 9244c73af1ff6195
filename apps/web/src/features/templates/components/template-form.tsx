import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextAreaField } from "../../../components/ui/text-area-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { TemplateBubble } from "../../../components/whatsapp/template-bubble.tsx";
import { useErrorText, useLocale, useT } from "../../../i18n/i18n.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { useCreateTemplate } from "../api/templates.ts";
import { type ParameterFormat, type TemplateCategory, type TemplateDto, templateCategories } from "../api/types.ts";
import {
  type ButtonDraft,
  checkDraft,
  emptyDraft,
  type HeaderFormat,
  headerFormats,
  LIMITS,
  nextPlaceholder,
  previewOf,
  type TemplateDraft,
  toCreateInput,
  toTemplateName,
  variableNames,
} from "../utils/draft.ts";
import { categoryLabel, commonLanguages, headerFormatLabel, languageName } from "../utils/labels.ts";
import { serverIssuesOf } from "../utils/server-errors.ts";
import { ButtonsEditor } from "./buttons-editor.tsx";

const OTHER_LANGUAGE = "other";

const categoryHint: Record<
  TemplateCategory,
  "templates-admin.category-hint.MARKETING" | "templates-admin.category-hint.UTILITY" | "templates-admin.category-hint.AUTHENTICATION"
> = {
  MARKETING: "templates-admin.category-hint.MARKETING",
  UTILITY: "templates-admin.category-hint.UTILITY",
  AUTHENTICATION: "templates-admin.category-hint.AUTHENTICATION",
};

/** Every field id the form can show a message under, so the server's paths find their field. */
function fieldIds(draft: TemplateDraft): Set<string> {
  const ids = [
    "name",
    "category",
    "language",
    "parameterFormat",
    "header.text",
    "header.example",
    "header.exampleUrl",
    "body.text",
    "footer.text",
    "buttons",
  ];
  for (const name of variableNames(draft.body)) ids.push(`body.example.${name}`);
  draft.buttons.forEach((_, i) => {
    for (const leaf of ["text", "url", "example", "phoneNumber", "flowId", "navigateScreen"]) ids.push(`buttons.${i}.${leaf}`);
  });
  return new Set(ids);
}

/**
 * Creates a template on one number's WhatsApp account: every part Meta allows, checked as it is typed with Meta's
 * rules, and previewed as the customer will see it with the examples filled in. Meta reviews it after submitting (it
 * shows as pending until then).
 */
export function TemplateForm({
  channelId,
  channelName,
  onCreated,
  onCancel,
}: {
  channelId: string;
  channelName: string;
  onCreated: (template: TemplateDto) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const { locale } = useLocale();
  const create = useCreateTemplate();
  const [draft, setDraft] = useState<TemplateDraft>(emptyDraft);
  const [languageChoice, setLanguageChoice] = useState<string>(draft.language);
  const [variableName, setVariableName] = useState("");
  const [submitted, setSubmitted] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  const issues = useMemo(() => checkDraft(draft), [draft]);
  const bodyVariables = variableNames(draft.body);
  const server = serverIssuesOf(create.error, fieldIds(draft), bodyVariables);

  // Empty required fields are only pointed out after a submit: a fresh form is not a list of errors.
  const errors: Record<string, string> = {};
  for (const [field, issue] of Object.entries(issues))
    if (submitted > 0 || issue.key !== "templates-admin.check.required") errors[field] = t(issue.key, issue.vars);
  for (const [field, message] of Object.entries(server.fields)) errors[field] ??= t("templates-admin.server-issue", { reason: message });

  useEffect(() => {
    if (submitted) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [submitted]);

  const change = (patch: Partial<TemplateDraft>) => {
    if (create.error) create.reset();
    setDraft((current) => ({ ...current, ...patch }));
  };

  const insertVariable = () => {
    const placeholder = nextPlaceholder(draft.body, draft.parameterFormat, variableName);
    const area = bodyRef.current?.querySelector("textarea");
    const start = area?.selectionStart ?? draft.body.length;
    const end = area?.selectionEnd ?? draft.body.length;
    change({ body: draft.body.slice(0, start) + placeholder + draft.body.slice(end) });
    setVariableName("");
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  };

  const submit = () => {
    setSubmitted((n) => n + 1);
    if (Object.keys(issues).length) return;
    create.mutate(toCreateInput(draft, channelId), { onSuccess: onCreated });
  };

  const preview = previewOf(draft, t("templates-admin.button.copy-code-label"));
  const headerVariables = variableNames(draft.headerText);
  const mediaHeader = draft.headerFormat === "IMAGE" || draft.headerFormat === "VIDEO" || draft.headerFormat === "DOCUMENT";

  return (
    <form
      ref={formRef}
      aria-label={t("templates-admin.new.title")}
      noValidate
      className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="space-y-1">
        <h3 className="text-lg font-semibold">{t("templates-admin.new.title")}</h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("templates-admin.new.intro", { channel: channelName })}</p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <TextField
            label={t("templates-admin.field.name")}
            value={draft.name}
            autoComplete="off"
            spellCheck={false}
            hint={t("templates-admin.field.name-hint")}
            error={errors.name}
            onChange={(e) => change({ name: toTemplateName(e.target.value) })}
          />
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField
              label={t("templates-admin.field.category")}
              value={draft.category}
              hint={t(categoryHint[draft.category])}
              error={errors.category}
              onChange={(e) => change({ category: e.target.value as TemplateCategory })}
            >
              {templateCategories.map((c) => (
                <option key={c} value={c}>
                  {t(categoryLabel[c])}
                </option>
              ))}
            </SelectField>
            <div className="space-y-2">
              <SelectField
                label={t("templates-admin.field.language")}
                value={languageChoice}
                error={languageChoice === OTHER_LANGUAGE ? undefined : errors.language}
                onChange={(e) => {
                  setLanguageChoice(e.target.value);
                  change({ language: e.target.value === OTHER_LANGUAGE ? "" : e.target.value });
                }}
              >
                {commonLanguages.map((code) => (
                  <option key={code} value={code}>
                    {code} · {languageName(code, locale)}
                  </option>
                ))}
                <option value={OTHER_LANGUAGE}>{t("templates-admin.field.language-other")}</option>
              </SelectField>
              {languageChoice === OTHER_LANGUAGE ? (
                <TextField
                  label={t("templates-admin.field.language-code")}
                  value={draft.language}
                  placeholder="fr_CA"
                  spellCheck={false}
                  error={errors.language}
                  onChange={(e) => change({ language: e.target.value.trim() })}
                />
              ) : null}
            </div>
            <SelectField
              label={t("templates-admin.field.parameter-format")}
              value={draft.parameterFormat}
              hint={t(draft.parameterFormat === "NAMED" ? "templates-admin.format-hint.NAMED" : "templates-admin.format-hint.POSITIONAL")}
              error={errors.parameterFormat}
              onChange={(e) => change({ parameterFormat: e.target.value as ParameterFormat })}
            >
              <option value="POSITIONAL">{t("templates-admin.format.POSITIONAL")}</option>
              <option value="NAMED">{t("templates-admin.format.NAMED")}</option>
            </SelectField>
          </div>

          <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
            <legend className="px-1 text-sm font-medium">{t("templates-admin.field.header")}</legend>
            <SelectField
              label={t("templates-admin.field.header-format")}
              value={draft.headerFormat}
              onChange={(e) => change({ headerFormat: e.target.value as HeaderFormat })}
            >
              {headerFormats.map((f) => (
                <option key={f} value={f}>
                  {t(headerFormatLabel[f])}
                </option>
              ))}
            </SelectField>
            {draft.headerFormat === "TEXT" ? (
              <>
                <TextField
                  label={t("templates-admin.field.header-text")}
                  value={draft.headerText}
                  hint={t("templates-admin.counter", { count: draft.headerText.length, max: LIMITS.headerText })}
                  error={errors["header.text"]}
                  onChange={(e) => change({ headerText: e.target.value })}
                />
                {headerVariables.length === 1 ? (
                  <TextField
                    label={t("templates-admin.field.example", { variable: `{{${headerVariables[0]}}}` })}
                    value={draft.headerExample}
                    error={errors["header.example"]}
                    onChange={(e) => change({ headerExample: e.target.value })}
                  />
                ) : null}
              </>
            ) : null}
            {mediaHeader ? (
              <TextField
                label={t("templates-admin.field.header-example-url")}
                type="url"
                value={draft.headerExampleUrl}
                placeholder="https://"
                hint={t("templates-admin.field.header-example-url-hint")}
                error={errors["header.exampleUrl"]}
                onChange={(e) => change({ headerExampleUrl: e.target.value })}
              />
            ) : null}
            {draft.headerFormat === "LOCATION" ? (
              <p className="text-xs text-slate-600 dark:text-slate-400">{t("templates-admin.field.header-location-hint")}</p>
            ) : null}
          </fieldset>

          <div ref={bodyRef} className="space-y-2">
            <TextAreaField
              label={t("templates-admin.field.body")}
              value={draft.body}
              rows={6}
              hint={t("templates-admin.counter", { count: draft.body.length, max: LIMITS.body })}
              error={errors["body.text"]}
              onChange={(e) => change({ body: e.target.value })}
            />
            <div className="flex flex-wrap items-end gap-2">
              {draft.parameterFormat === "NAMED" ? (
                <TextField
                  label={t("templates-admin.field.variable-name")}
                  value={variableName}
                  placeholder="first_name"
                  spellCheck={false}
                  onChange={(e) => setVariableName(toTemplateName(e.target.value))}
                />
              ) : null}
              <Button onClick={insertVariable}>{t("templates-admin.field.add-variable")}</Button>
            </div>
            {bodyVariables.length ? (
              <fieldset className="grid gap-3 sm:grid-cols-2">
                <legend className="mb-1 text-sm font-medium">{t("templates-admin.field.examples")}</legend>
                {bodyVariables.map((name) => (
                  <TextField
                    key={name}
                    label={t("templates-admin.field.example", { variable: `{{${name}}}` })}
                    value={draft.bodyExamples[name] ?? ""}
                    error={errors[`body.example.${name}`]}
                    onChange={(e) => change({ bodyExamples: { ...draft.bodyExamples, [name]: e.target.value } })}
                  />
                ))}
              </fieldset>
            ) : null}
          </div>

          <TextField
            label={t("templates-admin.field.footer")}
            value={draft.footer}
            hint={t("templates-admin.counter", { count: draft.footer.length, max: LIMITS.footer })}
            error={errors["footer.text"]}
            onChange={(e) => change({ footer: e.target.value })}
          />

          <ButtonsEditor buttons={draft.buttons} errors={errors} onChange={(buttons: ButtonDraft[]) => change({ buttons })} />
        </div>
        <div className="lg:sticky lg:top-4 lg:self-start">
          <TemplateBubble content={preview} caption={t("templates-admin.preview")} />
        </div>
      </div>
      {server.unplaced ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorText(server.unplaced)}
          {server.unplaced instanceof ApiError && server.unplaced.code.startsWith("templates.") ? ` ${server.unplaced.message}` : null}
        </p>
      ) : null}
      {submitted > 0 && Object.keys(issues).length ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("templates-admin.check.summary", { count: Object.keys(issues).length })}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>{t("templates-admin.cancel")}</Button>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? t("templates-admin.new.submitting") : t("templates-admin.new.submit")}
        </Button>
      </div>
    </form>
  );
}
