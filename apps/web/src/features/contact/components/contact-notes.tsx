import { type FormEvent, type KeyboardEvent, useId, useState } from "react";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { useNow } from "../../../hooks/use-now.ts";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import { canAdminister } from "../../../lib/roles.ts";
import { useSession } from "../../../lib/services.tsx";
import { useCreateContactNote } from "../api/create-contact-note.ts";
import { useDeleteContactNote } from "../api/delete-contact-note.ts";
import { type ContactNote, useContactNotes } from "../api/get-contact-notes.ts";

const NOTE_MAX_LENGTH = 5000;

function NoteItem({
  note,
  canDelete,
  onDelete,
  deleting,
}: {
  note: ContactNote;
  canDelete: boolean;
  onDelete: () => void;
  deleting: boolean;
}) {
  const t = useT();
  const format = useFormat();
  const now = useNow();
  return (
    <li className="flex items-start gap-1 rounded-lg bg-amber-50 px-3 py-2 text-sm dark:bg-amber-950/40">
      <div className="min-w-0 flex-1">
        <p className="break-words whitespace-pre-wrap">{note.body}</p>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {note.author?.name ?? t("contact-panel.notes.former-user")} ·{" "}
          <time dateTime={note.createdAt} title={format.dateTime(note.createdAt)}>
            {format.relative(note.createdAt, now)}
          </time>
        </p>
      </div>
      {canDelete ? <IconButton icon="trash" label={t("contact-panel.notes.delete")} onClick={onDelete} disabled={deleting} /> : null}
    </li>
  );
}

/** Internal notes about the contact: newest first, a box to add one, and delete on the agent's own notes. */
export function ContactNotes({ contactId }: { contactId: string }) {
  const t = useT();
  const errorText = useErrorText();
  const session = useSession();
  const inputId = useId();
  const [draft, setDraft] = useState("");
  const notes = useContactNotes(contactId);
  const create = useCreateContactNote(contactId);
  const remove = useDeleteContactNote(contactId);
  const list = notes.data?.pages.flatMap((page) => page.data) ?? [];
  const mayModerate = session ? canAdminister(session.user.role) : false;
  const error = create.error ?? remove.error ?? notes.error;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = draft.trim();
    if (!body || create.isPending) return;
    remove.reset();
    create.mutate(body, { onSuccess: () => setDraft("") });
  };
  // Enter makes a new line in a note; Ctrl+Enter (⌘+Enter) adds it.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <div className="space-y-2">
      <form onSubmit={submit} className="space-y-1">
        <label htmlFor={inputId} className="sr-only">
          {t("contact-panel.notes.new")}
        </label>
        <textarea
          id={inputId}
          value={draft}
          rows={2}
          maxLength={NOTE_MAX_LENGTH}
          placeholder={t("contact-panel.notes.placeholder")}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          className="block w-full resize-y rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-950"
        />
        <div className="flex justify-end">
          <Button type="submit" size="sm" variant="primary" disabled={!draft.trim() || create.isPending}>
            {t("contact-panel.notes.add")}
          </Button>
        </div>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(error)}
        </p>
      ) : null}
      {notes.isSuccess && list.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("contact-panel.notes.empty")}</p>
      ) : null}
      <ul className="space-y-2">
        {list.map((note) => (
          <NoteItem
            key={note.id}
            note={note}
            canDelete={mayModerate || (session !== null && note.author?.id === session.user.id)}
            deleting={remove.isPending && remove.variables === note.id}
            onDelete={() => {
              create.reset();
              remove.mutate(note.id);
            }}
          />
        ))}
      </ul>
      {notes.hasNextPage ? (
        <Button size="sm" variant="ghost" onClick={() => void notes.fetchNextPage()} disabled={notes.isFetchingNextPage}>
          {t("contact-panel.notes.load-more")}
        </Button>
      ) : null}
    </div>
  );
}
