import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { IconButton } from "../../../components/ui/button.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { useRecentEmojis } from "../hooks/use-recent-emojis.ts";
import { EMOJIS, type EmojiCategory, searchEmojis } from "../utils/emoji-data.ts";

const COLUMNS = 8;

const CATEGORY_LABEL: Record<EmojiCategory | "recent" | "results", TranslationKey> = {
  recent: "conversation.emoji.recent",
  results: "conversation.emoji.results",
  smileys: "conversation.emoji.smileys",
  gestures: "conversation.emoji.gestures",
  hearts: "conversation.emoji.hearts",
  nature: "conversation.emoji.nature",
  food: "conversation.emoji.food",
  activities: "conversation.emoji.activities",
  objects: "conversation.emoji.objects",
  symbols: "conversation.emoji.symbols",
};

interface Section {
  id: keyof typeof CATEGORY_LABEL;
  chars: string[];
}

/** The sections on show: the search's results, or the recently used then every category. */
function sectionsFor(query: string, recent: string[]): Section[] {
  if (query.trim()) return [{ id: "results", chars: searchEmojis(query).map((e) => e.char) }];
  const categories = EMOJIS.map(({ category, emojis }): Section => ({ id: category, chars: emojis.map((e) => e.char) }));
  return recent.length ? [{ id: "recent", chars: recent }, ...categories] : categories;
}

/** Rows of the grid as flat indexes, each section starting a new row: what ↑ and ↓ move through. */
function rowsOf(sections: Section[]): number[][] {
  const rows: number[][] = [];
  let next = 0;
  for (const section of sections) {
    for (let start = 0; start < section.chars.length; start += COLUMNS) {
      const length = Math.min(COLUMNS, section.chars.length - start);
      rows.push(Array.from({ length }, (_, i) => next + i));
      next += length;
    }
  }
  return rows;
}

/**
 * The composer's emoji button and its popover: a search box (English and Portuguese words) over a grid of emojis,
 * recently used ones first. The keyboard stays in the search box: arrows move through the grid, Enter inserts,
 * Escape closes. `onPick` inserts the emoji and gives the focus back to the text box; `onDismiss` only does the latter.
 */
export function EmojiPicker({ onPick, onDismiss }: { onPick: (emoji: string) => void; onDismiss: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  return (
    <div ref={wrapper}>
      <IconButton
        icon="smile"
        label={t("conversation.emoji.open")}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen((current) => !current)}
      />
      {open ? (
        <EmojiPanel
          onPick={(emoji) => {
            setOpen(false);
            onPick(emoji);
          }}
          onDismiss={() => {
            setOpen(false);
            onDismiss();
          }}
          onLeave={() => setOpen(false)}
        />
      ) : null}
    </div>
  );
}

function EmojiPanel({ onPick, onDismiss, onLeave }: { onPick: (emoji: string) => void; onDismiss: () => void; onLeave: () => void }) {
  const t = useT();
  const { recent, remember } = useRecentEmojis();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const gridId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const recentKey = recent.join(" ");
  // biome-ignore lint/correctness/useExhaustiveDependencies: recentKey stands for the recent list's content
  const sections = useMemo(() => sectionsFor(query, recent), [query, recentKey]);
  const flat = useMemo(() => sections.flatMap((section) => section.chars), [sections]);
  const rows = useMemo(() => rowsOf(sections), [sections]);
  const current = Math.min(active, Math.max(0, flat.length - 1));
  const cellId = (index: number) => `${gridId}-${index}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the active cell
  useEffect(() => {
    document.getElementById(cellId(current))?.scrollIntoView?.({ block: "nearest" });
  }, [current]);

  const pick = (emoji: string | undefined) => {
    if (!emoji) return;
    remember(emoji);
    onPick(emoji);
  };

  const moveRow = (step: number) => {
    const row = rows.findIndex((cells) => cells.includes(current));
    const target = rows[row + step];
    if (row === -1 || !target) return;
    const column = (rows[row] ?? []).indexOf(current);
    setActive(target[Math.min(column, target.length - 1)] ?? current);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    const handled = () => {
      // Enter would submit the composer's form; Escape would reach the dialogs behind.
      event.preventDefault();
      event.stopPropagation();
    };
    switch (event.key) {
      case "ArrowRight":
        handled();
        return setActive(Math.min(flat.length - 1, current + 1));
      case "ArrowLeft":
        handled();
        return setActive(Math.max(0, current - 1));
      case "ArrowDown":
        handled();
        return moveRow(1);
      case "ArrowUp":
        handled();
        return moveRow(-1);
      case "Enter":
        handled();
        return pick(flat[current]);
      case "Escape":
        handled();
        return onDismiss();
    }
  };

  let offset = 0;
  return (
    <div
      ref={panel}
      role="dialog"
      aria-label={t("conversation.emoji.title")}
      onBlur={(event) => {
        // Tab out of the popover closes it (a click inside keeps the focus in the search box).
        if (event.relatedTarget && !panel.current?.contains(event.relatedTarget as Node)) onLeave();
      }}
      className="absolute bottom-full left-3 z-20 mb-1 w-80 max-w-[calc(100%-1.5rem)] rounded-lg border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900"
    >
      <input
        type="search"
        // biome-ignore lint/a11y/noAutofocus: the popover opens to be searched; Escape gives the focus back
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-label={t("conversation.emoji.search")}
        aria-expanded="true"
        aria-haspopup="listbox"
        aria-controls={gridId}
        aria-activedescendant={flat.length ? cellId(current) : undefined}
        placeholder={t("conversation.emoji.search")}
        className="mb-2 h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      {flat.length === 0 ? (
        <p className="px-1 py-4 text-center text-sm text-slate-600 dark:text-slate-400">{t("conversation.emoji.empty", { query })}</p>
      ) : null}
      <div id={gridId} role="listbox" aria-label={t("conversation.emoji.list")} className="max-h-56 overflow-y-auto">
        {sections.map((section) => {
          const start = offset;
          offset += section.chars.length;
          if (section.chars.length === 0) return null;
          const label = t(CATEGORY_LABEL[section.id]);
          return (
            // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox, not a form's fieldset
            <div key={section.id} role="group" aria-label={label}>
              <p aria-hidden="true" className="px-1 pt-1 text-[11px] font-medium text-slate-600 dark:text-slate-400">
                {label}
              </p>
              <div className="grid grid-cols-8">
                {section.chars.map((char, i) => {
                  const index = start + i;
                  return (
                    <div
                      key={index}
                      id={cellId(index)}
                      role="option"
                      aria-selected={index === current}
                      tabIndex={-1}
                      // Keep the focus (and the keyboard) in the search box.
                      onMouseDown={(event) => event.preventDefault()}
                      onClick={() => pick(char)}
                      onKeyDown={(event) => {
                        if (event.key === "Enter") pick(char);
                      }}
                      className={`flex size-9 cursor-pointer items-center justify-center rounded-md text-xl ${index === current ? "bg-brand-100 ring-2 ring-brand-600 dark:bg-brand-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
                    >
                      {char}
                    </div>
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
      <p className="px-1 pt-1 text-[11px] text-slate-500 dark:text-slate-400">{t("conversation.emoji.hint")}</p>
    </div>
  );
}
