import { type KeyboardEvent, useId, useState } from "react";
import { IconButton } from "../../../components/ui/button.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import { inputClass } from "./panel-section.tsx";
import type { SaveContact } from "./save-contact.ts";

const TAG_MAX_LENGTH = 64;

/** The contact's tags as removable chips, and a field that adds one on Enter (the server drops repeats too). */
export function ContactTags({ tags, onSave, saving }: { tags: string[]; onSave: SaveContact; saving: boolean }) {
  const t = useT();
  const inputId = useId();
  const [draft, setDraft] = useState("");

  const add = () => {
    const tag = draft.trim();
    setDraft("");
    if (!tag || tags.some((existing) => existing.toLocaleLowerCase() === tag.toLocaleLowerCase())) return;
    onSave({ tags: [...tags, tag] }, { onError: () => setDraft(tag) });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    event.preventDefault();
    add();
  };

  return (
    <div className="space-y-2">
      {tags.length ? (
        <ul className="flex flex-wrap gap-1">
          {tags.map((tag) => (
            <li
              key={tag}
              className="inline-flex items-center gap-0.5 rounded-full bg-slate-100 py-0.5 pr-0.5 pl-2 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200"
            >
              {tag}
              <button
                type="button"
                aria-label={t("contact-panel.tags.remove", { tag })}
                title={t("contact-panel.tags.remove", { tag })}
                disabled={saving}
                onClick={() => onSave({ tags: tags.filter((other) => other !== tag) })}
                className="inline-flex size-5 items-center justify-center rounded-full hover:bg-slate-200 dark:hover:bg-slate-700"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("contact.no-tags")}</p>
      )}
      <div className="flex items-center gap-1">
        <label htmlFor={inputId} className="sr-only">
          {t("contact-panel.tags.new")}
        </label>
        <input
          id={inputId}
          value={draft}
          maxLength={TAG_MAX_LENGTH}
          placeholder={t("contact-panel.tags.placeholder")}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          className={inputClass}
        />
        <IconButton icon="plus" label={t("contact-panel.tags.add")} onClick={add} disabled={!draft.trim()} />
      </div>
    </div>
  );
}
