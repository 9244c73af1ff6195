import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { CheckboxField } from "../../../components/ui/checkbox-field.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextAreaField } from "../../../components/ui/text-area-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { fieldErrorsOf } from "../../../lib/field-errors.ts";
import { useSaveArticle } from "../api/articles.ts";
import { type Article, type ArticleLanguage, articleLanguages } from "../api/types.ts";
import { invalidFieldLabel, languageLabel } from "../utils/labels.ts";
import { parsePhrasings, parseTags } from "../utils/lists.ts";

const FIELDS = ["title", "body", "tags", "phrasings", "language"] as const;
type Field = (typeof FIELDS)[number];

/** Creates an article (no `article`) or edits one; `onDone` after a successful save or on cancel. */
export function ArticleForm({ article, onDone }: { article: Article | null; onDone: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const save = useSaveArticle();
  const [title, setTitle] = useState(article?.title ?? "");
  const [body, setBody] = useState(article?.body ?? "");
  const [tags, setTags] = useState(article?.tags.join(", ") ?? "");
  const [phrasings, setPhrasings] = useState(article?.phrasings.join("\n") ?? "");
  const [language, setLanguage] = useState<ArticleLanguage | "">(article?.language ?? "");
  const [enabled, setEnabled] = useState(article?.enabled ?? true);
  const { fields, unplaced } = fieldErrorsOf<Field>(save.error, FIELDS);
  const fieldError = (field: Field) => (fields[field] ? t(invalidFieldLabel[field]) : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: article?.id ?? null,
        input: {
          title: title.trim(),
          body: body.trim(),
          tags: parseTags(tags),
          phrasings: parsePhrasings(phrasings),
          language: language || null,
          enabled,
        },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={article ? t("kb.form.edit", { title: article.title }) : t("kb.form.new")}
      className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <TextField
        label={t("kb.field.title")}
        value={title}
        required
        maxLength={200}
        error={fieldError("title")}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextAreaField
        label={t("kb.field.body")}
        hint={t("kb.field.body-hint")}
        value={body}
        required
        rows={5}
        maxLength={4000}
        error={fieldError("body")}
        onChange={(e) => setBody(e.target.value)}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label={t("kb.field.tags")}
          hint={t("kb.field.tags-hint")}
          value={tags}
          error={fieldError("tags")}
          onChange={(e) => setTags(e.target.value)}
        />
        <SelectField
          label={t("kb.field.language")}
          value={language}
          error={fieldError("language")}
          onChange={(e) => setLanguage(e.target.value as ArticleLanguage | "")}
        >
          <option value="">{t("kb.language.any")}</option>
          {articleLanguages.map((l) => (
            <option key={l} value={l}>
              {t(languageLabel[l])}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label={t("kb.field.phrasings")}
        hint={t("kb.field.phrasings-hint")}
        value={phrasings}
        rows={3}
        error={fieldError("phrasings")}
        onChange={(e) => setPhrasings(e.target.value)}
      />
      <CheckboxField label={t("kb.field.enabled")} hint={t("kb.field.enabled-hint")} checked={enabled} onChange={setEnabled} />
      {unplaced ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(unplaced)}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>{t("kb.cancel")}</Button>
        <Button type="submit" variant="primary" disabled={save.isPending || !title.trim() || !body.trim()}>
          {save.isPending ? t("kb.saving") : t("kb.save")}
        </Button>
      </div>
    </form>
  );
}
