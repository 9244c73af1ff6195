import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextAreaField } from "../../../components/ui/text-area-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useImportArticles } from "../api/articles.ts";

/** The server takes 500,000 characters; a file over this many bytes cannot fit. */
const MAX_BYTES = 500_000;

/** Imports Markdown (one article per heading) or CSV (title,body,tags,phrasings,language), pasted or from a file. */
export function ImportArticles() {
  const t = useT();
  const errorText = useErrorText();
  const importer = useImportArticles();
  const [format, setFormat] = useState<"markdown" | "csv">("markdown");
  const [content, setContent] = useState("");
  const [tooBig, setTooBig] = useState(false);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setTooBig(file.size > MAX_BYTES);
    if (file.size > MAX_BYTES) return;
    setFormat(/\.csv$/i.test(file.name) ? "csv" : "markdown");
    setContent(await file.text());
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    importer.mutate({ format, content });
  };

  return (
    <form
      onSubmit={submit}
      aria-label={t("kb.import.title")}
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <h3 className="font-semibold">{t("kb.import.title")}</h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("kb.import.intro")}</p>
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField label={t("kb.import.format")} value={format} onChange={(e) => setFormat(e.target.value as "markdown" | "csv")}>
          <option value="markdown">Markdown</option>
          <option value="csv">CSV</option>
        </SelectField>
        <label className="block space-y-1 text-sm font-medium">
          <span>{t("kb.import.file")}</span>
          <input
            type="file"
            accept=".md,.markdown,.txt,.csv,text/markdown,text/csv,text/plain"
            className="block w-full text-sm"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </label>
      </div>
      <TextAreaField
        label={t("kb.import.content")}
        rows={6}
        value={content}
        error={tooBig ? t("kb.import.too-big") : undefined}
        onChange={(e) => setContent(e.target.value)}
      />
      {importer.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(importer.error)}
        </p>
      ) : null}
      {importer.data ? (
        <div role="status" className="space-y-1 text-sm">
          <p>{t("kb.import.done", { count: importer.data.created })}</p>
          {importer.data.errors.length ? (
            <ul aria-label={t("kb.import.errors")} className="list-disc pl-5 text-red-700 dark:text-red-400">
              {importer.data.errors.map((e) => (
                <li key={`${e.line}:${e.message}`}>{t("kb.import.error-line", { line: e.line, message: e.message })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Button type="submit" variant="primary" disabled={importer.isPending || !content.trim()}>
        {importer.isPending ? t("kb.import.running") : t("kb.import.submit")}
      </Button>
    </form>
  );
}
