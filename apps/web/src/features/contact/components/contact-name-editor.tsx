import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { IconButton } from "../../../components/ui/button.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { Contact } from "../../../lib/api-types.ts";
import { contactName } from "../../../lib/contact-name.ts";
import type { SaveContact } from "./save-contact.ts";

/** The contact's name, edited in place: Enter saves, Escape cancels, and focus goes back to the pencil. */
export function ContactNameEditor({ contact, onSave, saving }: { contact: Contact; onSave: SaveContact; saving: boolean }) {
  const t = useT();
  const inputId = useId();
  const hintId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const viewRow = useRef<HTMLDivElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (draft === null && wasEditing.current) viewRow.current?.querySelector("button")?.focus();
    wasEditing.current = draft !== null;
  }, [draft]);

  const display = contactName(contact) ?? t("contact.unknown");
  if (draft === null) {
    return (
      <div ref={viewRow} className="flex max-w-full items-center gap-1">
        <p className="min-w-0 truncate text-center font-semibold">{display}</p>
        <IconButton icon="pencil" label={t("contact-panel.name.edit")} onClick={() => setDraft(contact.name ?? "")} />
      </div>
    );
  }

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const name = draft.trim();
    if (name === (contact.name ?? "")) return setDraft(null);
    onSave({ name: name || null }, { onSuccess: () => setDraft(null) });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "Enter") {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setDraft(null);
    }
  };

  return (
    <form onSubmit={submit} className="w-full space-y-1">
      <label htmlFor={inputId} className="sr-only">
        {t("contact-panel.name.label")}
      </label>
      <div className="flex items-center gap-1">
        <input
          id={inputId}
          // biome-ignore lint/a11y/noAutofocus: the agent just asked to edit this field.
          autoFocus
          value={draft}
          maxLength={200}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={hintId}
          disabled={saving}
          className="block h-9 w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 text-sm font-semibold dark:border-slate-700 dark:bg-slate-950"
        />
        <IconButton type="submit" icon="check" label={t("contact-panel.name.save")} disabled={saving} />
        <IconButton icon="x" label={t("contact-panel.name.cancel")} onClick={() => setDraft(null)} />
      </div>
      <p id={hintId} className="text-center text-[11px] text-slate-500 dark:text-slate-400">
        {t("contact-panel.name.hint")}
      </p>
    </form>
  );
}
