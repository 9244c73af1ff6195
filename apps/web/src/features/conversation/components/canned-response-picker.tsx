import { type KeyboardEvent, useId, useMemo, useState } from "react";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { CannedResponse } from "../../../lib/api-types.ts";
import { useCannedResponses } from "../api/get-canned-responses.ts";

/** `/` then a shortcut being typed, alone in the box: the picker's trigger. */
const TRIGGER = /^\/(\S*)$/;

const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase();

/** Responses whose shortcut, title or body contains the query (case and accents ignored); shortcut prefixes first. */
export function filterCannedResponses(responses: CannedResponse[], query: string): CannedResponse[] {
  const q = fold(query);
  const matches = responses.filter((r) => [r.shortcut, r.title, r.body].some((text) => fold(text).includes(q)));
  const rank = (r: CannedResponse) => (fold(r.shortcut).startsWith(q) ? 0 : 1);
  return matches.sort((a, b) => rank(a) - rank(b));
}

export interface CannedResponsePickerState {
  open: boolean;
  query: string;
  listId: string;
  items: CannedResponse[];
  activeIndex: number;
  activeId: string | undefined;
  status: "pending" | "error" | "success";
  error: unknown;
  choose: (response: CannedResponse) => void;
  /** Handles the composer's keys while the picker is open; true when the key was the picker's. */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
}

/**
 * The state of the `/` picker for the composer's `text`: open while the text is `/` plus a shortcut being typed (until
 * Escape), filtered as the agent types; arrows move, Enter chooses. The keyboard stays in the text box.
 */
export function useCannedResponsePicker({ text, onChoose }: { text: string; onChoose: (body: string) => void }): CannedResponsePickerState {
  const match = TRIGGER.exec(text);
  const query = match?.[1] ?? "";
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const open = match !== null && dismissedAt !== text;
  const responses = useCannedResponses({ enabled: open });
  const items = useMemo(() => filterCannedResponses(responses.data?.data ?? [], query), [responses.data, query]);
  const [cursor, setCursor] = useState({ query: "", index: 0 });
  const activeIndex = cursor.query === query ? Math.min(cursor.index, Math.max(0, items.length - 1)) : 0;
  const listId = useId();
  const active = open ? items[activeIndex] : undefined;

  const choose = (response: CannedResponse) => {
    setCursor({ query: "", index: 0 });
    onChoose(response.body);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (event.key === "Escape") {
      event.preventDefault();
      setDismissedAt(text);
      return true;
    }
    if (items.length === 0) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setCursor({ query, index: (activeIndex + step + items.length) % items.length });
      return true;
    }
    if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey && !event.nativeEvent.isComposing && active) {
      event.preventDefault();
      choose(active);
      return true;
    }
    return false;
  };

  return {
    open,
    query,
    listId,
    items,
    activeIndex,
    activeId: active ? `${listId}-${active.id}` : undefined,
    status: responses.status,
    error: responses.error,
    choose,
    onKeyDown,
  };
}

/** The list of canned responses above the composer while the agent types `/shortcut`. */
export function CannedResponsePicker({ picker }: { picker: CannedResponsePickerState }) {
  const t = useT();
  const errorText = useErrorText();
  if (!picker.open) return null;
  return (
    <div className="absolute right-3 bottom-full left-3 z-20 mb-1 max-h-64 overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
      {picker.status === "pending" ? (
        <p className="px-2 py-1.5 text-sm text-slate-600 dark:text-slate-400">{t("canned.loading")}</p>
      ) : picker.status === "error" ? (
        <p role="alert" className="px-2 py-1.5 text-sm text-red-700 dark:text-red-400">
          {t("canned.error", { reason: errorText(picker.error) })}
        </p>
      ) : picker.items.length === 0 ? (
        <p className="px-2 py-1.5 text-sm text-slate-600 dark:text-slate-400">{t("canned.empty", { query: picker.query })}</p>
      ) : (
        <div id={picker.listId} role="listbox" aria-label={t("canned.list")}>
          {picker.items.map((response, index) => (
            <div
              key={response.id}
              id={`${picker.listId}-${response.id}`}
              role="option"
              aria-selected={index === picker.activeIndex}
              // Keep the focus (and the caret) in the text box.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => picker.choose(response)}
              onKeyDown={(event) => {
                if (event.key === "Enter") picker.choose(response);
              }}
              tabIndex={-1}
              className={`cursor-pointer rounded-md px-2 py-1.5 ${index === picker.activeIndex ? "bg-brand-50 dark:bg-brand-900" : "hover:bg-slate-50 dark:hover:bg-slate-800"}`}
            >
              <span className="block text-sm font-medium">
                <span className="font-mono text-brand-700 dark:text-brand-300">/{response.shortcut}</span> {response.title}
              </span>
              <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{response.body}</span>
            </div>
          ))}
        </div>
      )}
      <p className="px-2 pt-1 text-[11px] text-slate-500 dark:text-slate-400">{t("canned.hint")}</p>
    </div>
  );
}
