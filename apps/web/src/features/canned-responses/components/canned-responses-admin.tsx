import { useId, useMemo, useState } from "react";
import { FormattedText } from "../../../components/formatted-text.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { CannedResponse } from "../../../lib/api-types.ts";
import { useCreateCannedResponse } from "../api/create-canned-response.ts";
import { useCannedResponses } from "../api/get-canned-responses.ts";
import { useUpdateCannedResponse } from "../api/update-canned-response.ts";
import { searchCannedResponses } from "../utils/search.ts";
import { CannedResponseForm } from "./canned-response-form.tsx";
import { DeleteCannedResponseDialog } from "./delete-canned-response-dialog.tsx";

type Editing = { kind: "none" } | { kind: "new" } | { kind: "edit"; response: CannedResponse };

function NewResponse({ onDone }: { onDone: () => void }) {
  const t = useT();
  const create = useCreateCannedResponse();
  return (
    <section aria-labelledby="canned-new-title" className="space-y-3">
      <h3 id="canned-new-title" className="text-lg font-semibold">
        {t("canned-responses.new.title")}
      </h3>
      <CannedResponseForm
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) => create.mutate(body, { onSuccess: onDone })}
        onCancel={onDone}
      />
    </section>
  );
}

function EditResponse({ response, onDone }: { response: CannedResponse; onDone: () => void }) {
  const t = useT();
  const update = useUpdateCannedResponse(response.id);
  return (
    <section aria-labelledby="canned-edit-title" className="space-y-3">
      <h3 id="canned-edit-title" className="text-lg font-semibold">
        {t("canned-responses.edit.title", { shortcut: response.shortcut })}
      </h3>
      <CannedResponseForm
        response={response}
        pending={update.isPending}
        error={update.error}
        onSubmit={(_body, changed) => update.mutate(changed, { onSuccess: onDone })}
        onCancel={onDone}
      />
    </section>
  );
}

/**
 * The workspace's canned responses — what agents insert with `/shortcut` in the composer: search, create, edit, delete
 * (administrators and supervisors; the admin frame lets no one else in).
 */
export function CannedResponsesAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const searchId = useId();
  const responses = useCannedResponses();
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [deleting, setDeleting] = useState<CannedResponse | null>(null);
  const all = responses.data?.data ?? [];
  const shown = useMemo(() => searchCannedResponses(all, query), [all, query]);
  const close = () => setEditing({ kind: "none" });

  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4 md:p-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h2 className="text-xl font-semibold">{t("canned-responses.title")}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("canned-responses.intro")}</p>
        </div>
        {editing.kind === "new" ? null : (
          <Button variant="primary" onClick={() => setEditing({ kind: "new" })}>
            <Icon name="plus" className="size-4" />
            {t("canned-responses.new")}
          </Button>
        )}
      </header>
      {editing.kind === "new" ? <NewResponse onDone={close} /> : null}
      {editing.kind === "edit" ? <EditResponse key={editing.response.id} response={editing.response} onDone={close} /> : null}
      <div className="space-y-3">
        <div className="relative max-w-md">
          <label htmlFor={searchId} className="sr-only">
            {t("canned-responses.search")}
          </label>
          <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-slate-500">
            <Icon name="search" className="size-4" />
          </span>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            placeholder={t("canned-responses.search.placeholder")}
            className="block h-10 w-full rounded-lg border border-slate-300 bg-white pr-3 pl-9 text-sm text-slate-900 placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
          />
        </div>
        {responses.isPending ? (
          <p className="text-sm">{t("canned-responses.loading")}</p>
        ) : responses.isError ? (
          <div role="alert" className="space-y-2 text-sm">
            <p>{t("canned-responses.error", { reason: errorText(responses.error) })}</p>
            <Button size="sm" onClick={() => void responses.refetch()}>
              {t("common.retry")}
            </Button>
          </div>
        ) : shown.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {query.trim() ? t("canned-responses.empty-search", { query: query.trim() }) : t("canned-responses.empty")}
          </p>
        ) : (
          <ul
            aria-label={t("canned-responses.list")}
            className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
          >
            {shown.map((response) => (
              <li key={response.id} className="flex flex-wrap items-start gap-3 p-3">
                <div className="min-w-0 flex-1 space-y-0.5">
                  <p className="flex flex-wrap items-baseline gap-2">
                    <span className="font-mono text-sm font-semibold">/{response.shortcut}</span>
                    <span className="text-sm">{response.title}</span>
                  </p>
                  <p className="line-clamp-2 text-sm text-slate-600 dark:text-slate-400">
                    <FormattedText text={response.body} />
                  </p>
                </div>
                <div className="flex shrink-0 gap-2">
                  <Button
                    size="sm"
                    onClick={() => setEditing({ kind: "edit", response })}
                    aria-label={t("canned-responses.edit.label", { shortcut: response.shortcut })}
                  >
                    {t("canned-responses.edit")}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setDeleting(response)}
                    aria-label={t("canned-responses.delete.label", { shortcut: response.shortcut })}
                  >
                    {t("canned-responses.delete")}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {deleting ? (
        <DeleteCannedResponseDialog
          response={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            if (editing.kind === "edit" && editing.response.id === deleting.id) close();
            setDeleting(null);
          }}
        />
      ) : null}
    </div>
  );
}
