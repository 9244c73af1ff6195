import { useDeferredValue, useState } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useArticles, useDeleteArticle } from "../api/articles.ts";
import type { Article } from "../api/types.ts";
import { languageLabel } from "../utils/labels.ts";
import { ArticleForm } from "./article-form.tsx";
import { ImportArticles } from "./import-articles.tsx";
import { TryQuestion } from "./try-question.tsx";

function DeleteArticleDialog({ article, onClose }: { article: Article; onClose: () => void }) {
  const t = useT();
  const remove = useDeleteArticle();
  return (
    <ConfirmDialog
      title={t("kb.delete.title", { title: article.title })}
      warning={t("kb.delete.warning")}
      cancelLabel={t("kb.cancel")}
      confirmLabel={t("kb.delete.submit")}
      pending={remove.isPending}
      error={remove.isError ? remove.error : null}
      onConfirm={() => remove.mutate(article.id, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}

/** Admin → Knowledge base: the articles the copilot suggests from and the bot answers with; import and a retrieval check. */
export function KnowledgeBaseAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const [q, setQ] = useState("");
  const query = useDeferredValue(q.trim());
  const articles = useArticles(query);
  const [editing, setEditing] = useState<Article | "new" | null>(null);
  const [deleting, setDeleting] = useState<Article | null>(null);
  const rows = articles.data?.data ?? [];

  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4 md:p-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h2 className="text-xl font-semibold">{t("kb.title")}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("kb.intro")}</p>
        </div>
        <Button variant="primary" onClick={() => setEditing("new")}>
          {t("kb.new")}
        </Button>
      </header>
      {editing ? (
        <ArticleForm
          key={editing === "new" ? "new" : editing.id}
          article={editing === "new" ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <TextField label={t("kb.search")} type="search" className="max-w-md" value={q} onChange={(e) => setQ(e.target.value)} />
      {articles.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(articles.error)}
        </p>
      ) : null}
      {articles.isPending ? <p className="text-sm">{t("kb.loading")}</p> : null}
      {articles.data && !rows.length ? <p className="text-sm">{query ? t("kb.none-found") : t("kb.empty")}</p> : null}
      {rows.length ? (
        <ul
          aria-label={t("kb.list")}
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
        >
          {rows.map((article) => (
            <li key={article.id} className="flex items-start gap-3 p-3">
              <div className="min-w-0 flex-1 space-y-1">
                <p className="font-medium">
                  {article.title} {!article.enabled ? <Badge>{t("kb.disabled")}</Badge> : null}
                  {article.language ? <Badge>{t(languageLabel[article.language])}</Badge> : null}
                </p>
                <p className="line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{article.body}</p>
                {article.tags.length ? <p className="text-xs text-slate-600 dark:text-slate-400">{article.tags.join(" · ")}</p> : null}
              </div>
              <IconButton icon="pencil" label={t("kb.edit", { title: article.title })} onClick={() => setEditing(article)} />
              <IconButton icon="trash" label={t("kb.delete", { title: article.title })} onClick={() => setDeleting(article)} />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <TryQuestion />
        <ImportArticles />
      </div>
      {deleting ? <DeleteArticleDialog article={deleting} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}
