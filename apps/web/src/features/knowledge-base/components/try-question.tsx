import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useTryQuestion } from "../api/articles.ts";
import { hitKindLabel } from "../utils/labels.ts";

/** Type a customer's question and see what the copilot would find, with how sure it is. */
export function TryQuestion() {
  const t = useT();
  const errorText = useErrorText();
  const search = useTryQuestion();
  const [query, setQuery] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) search.mutate(query.trim());
  };
  return (
    <form
      onSubmit={submit}
      aria-label={t("kb.try.title")}
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <h3 className="font-semibold">{t("kb.try.title")}</h3>
      <div className="flex items-end gap-2">
        <TextField label={t("kb.try.question")} className="flex-1" value={query} onChange={(e) => setQuery(e.target.value)} />
        <Button type="submit" disabled={search.isPending || !query.trim()}>
          {t("kb.try.submit")}
        </Button>
      </div>
      {search.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(search.error)}
        </p>
      ) : null}
      {search.data ? (
        search.data.hits.length ? (
          <ol aria-label={t("kb.try.results")} className="space-y-2 text-sm">
            {search.data.hits.map((hit) => (
              <li key={`${hit.kind}:${hit.id}`} className="rounded-md bg-slate-50 p-2 dark:bg-slate-900">
                <p className="font-medium">
                  {hit.title}{" "}
                  <span className="font-normal text-slate-600 dark:text-slate-400">
                    {t("kb.try.hit", { kind: t(hitKindLabel[hit.kind]), confidence: Math.round(hit.confidence * 100) })}
                  </span>
                </p>
                <p className="line-clamp-2 text-slate-700 dark:text-slate-300">{hit.text}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm">{t("kb.try.none")}</p>
        )
      ) : null}
    </form>
  );
}
