import { type FormEvent, useId, useState } from "react";
import { FormattedText } from "../../../components/formatted-text.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { apiErrorKey } from "../../../i18n/translate.ts";
import type { CannedResponse } from "../../../lib/api-types.ts";
import { fieldErrorsOf } from "../../../lib/field-errors.ts";
import type { CannedResponseBody } from "../api/create-canned-response.ts";

const FIELDS = ["shortcut", "title", "body"] as const;
type Field = (typeof FIELDS)[number];

/** WhatsApp's limit for a text message, which the server enforces too. */
const BODY_MAX = 4096;

const INVALID: Record<Field, TranslationKey> = {
  shortcut: "canned-responses.field.shortcut.invalid",
  title: "canned-responses.field.title.invalid",
  body: "canned-responses.field.body.invalid",
};

const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 text-sm text-slate-900 placeholder:text-slate-500 aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100";

/**
 * Creating (`response` absent) or editing a canned response: shortcut, title and body, with the body previewed as
 * WhatsApp shows it. Server errors (a taken shortcut, an invalid field) show beside their field.
 */
export function CannedResponseForm({
  response,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  response?: CannedResponse;
  pending: boolean;
  error: unknown;
  /** The whole body, and what differs from `response` (everything when creating). */
  onSubmit: (body: CannedResponseBody, changed: Partial<CannedResponseBody>) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const id = useId();
  const [values, setValues] = useState<CannedResponseBody>({
    shortcut: response?.shortcut ?? "",
    title: response?.title ?? "",
    body: response?.body ?? "",
  });
  const placed = fieldErrorsOf(error, FIELDS);
  const fieldError = (field: Field) => {
    const code = placed.fields[field];
    if (!code) return undefined;
    return code === "request.invalid" ? t(INVALID[field]) : t(apiErrorKey(code));
  };
  const describe = (field: Field, hint?: boolean) =>
    [fieldError(field) ? `${id}-${field}-error` : null, hint ? `${id}-${field}-hint` : null].filter(Boolean).join(" ") || undefined;
  const set = (field: Field) => (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
  };
  const errorLine = (field: Field) =>
    fieldError(field) ? (
      <p id={`${id}-${field}-error`} className="text-xs text-red-700 dark:text-red-300">
        {fieldError(field)}
      </p>
    ) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { shortcut: values.shortcut.trim().replace(/^\//, ""), title: values.title.trim(), body: values.body };
    const changed: Partial<CannedResponseBody> = {};
    for (const field of FIELDS) if (!response || body[field] !== response[field]) changed[field] = body[field];
    if (Object.keys(changed).length > 0) onSubmit(body, changed);
    else onCancel();
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div className="space-y-1">
        <label htmlFor={`${id}-shortcut`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t("canned-responses.field.shortcut")}
        </label>
        <div className="flex items-center gap-1">
          <span aria-hidden="true" className="font-mono text-slate-500">
            /
          </span>
          <input
            id={`${id}-shortcut`}
            value={values.shortcut}
            onChange={set("shortcut")}
            required
            maxLength={32}
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={fieldError("shortcut") ? true : undefined}
            aria-describedby={describe("shortcut", true)}
            className={`${inputClass} h-10 font-mono`}
          />
        </div>
        {errorLine("shortcut")}
        <p id={`${id}-shortcut-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {t("canned-responses.field.shortcut.hint")}
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-title`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t("canned-responses.field.title")}
        </label>
        <input
          id={`${id}-title`}
          value={values.title}
          onChange={set("title")}
          required
          maxLength={120}
          aria-invalid={fieldError("title") ? true : undefined}
          aria-describedby={describe("title")}
          className={`${inputClass} h-10`}
        />
        {errorLine("title")}
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t("canned-responses.field.body")}
        </label>
        <textarea
          id={`${id}-body`}
          value={values.body}
          onChange={set("body")}
          required
          rows={6}
          maxLength={BODY_MAX}
          aria-invalid={fieldError("body") ? true : undefined}
          aria-describedby={describe("body", true)}
          className={`${inputClass} py-2`}
        />
        {errorLine("body")}
        <p id={`${id}-body-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {t("canned-responses.field.body.hint", { count: format.number(values.body.length), max: format.number(BODY_MAX) })}
        </p>
      </div>
      {values.body.trim() ? (
        <section aria-label={t("canned-responses.preview")} className="space-y-1">
          <h4 className="text-sm font-medium text-slate-700 dark:text-slate-300">{t("canned-responses.preview")}</h4>
          <div className="max-w-md rounded-lg bg-emerald-50 px-3 py-2 text-sm shadow-sm dark:bg-emerald-950/50">
            <FormattedText text={values.body} />
          </div>
        </section>
      ) : null}
      {placed.unplaced ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorText(placed.unplaced)}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? t("canned-responses.saving") : t("canned-responses.save")}
        </Button>
        <Button onClick={onCancel}>{t("canned-responses.cancel")}</Button>
      </div>
    </form>
  );
}
