import { useId } from "react";
import { useDebouncedValue } from "../../../hooks/use-debounced-value.ts";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { useSearch } from "../api/search.ts";
import { HighlightedSnippet } from "./highlighted-snippet.tsx";

/** Typing settles this long before the server is asked. */
export const SEARCH_DEBOUNCE_MS = 300;
/** Shorter queries are answered by the inbox's local filter only. */
export const MIN_SERVER_QUERY = 2;

/**
 * The inbox search's "Messages" section: messages of the caller's conversations holding every typed word (found by the
 * server through blind indexes), newest first, each with an excerpt where the words are marked. Choosing one opens
 * its conversation.
 */
export function MessageResults({ query, onOpen }: { query: string; onOpen: (conversationId: string, messageId: string) => void }) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const headingId = useId();
  const typed = query.trim();
  const settled = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  const q = settled.length >= MIN_SERVER_QUERY ? settled : "";
  const result = useSearch({ q, type: "messages" });
  if (typed.length < MIN_SERVER_QUERY) return null;
  // Only common words ("de", "the"): nothing the server can look for, and the local filter already answered.
  if (result.error instanceof ApiError && result.error.code === "search.query_empty") return null;

  const hits = result.data?.messages?.data ?? [];
  return (
    <section
      aria-labelledby={headingId}
      className="flex max-h-[45%] min-h-0 shrink-0 flex-col border-t border-slate-200 dark:border-slate-800"
    >
      <h2 id={headingId} className="px-4 pt-3 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
        {t("search.messages.title")}
      </h2>
      <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={result.isFetching || settled !== typed}>
        {result.isPending && q ? (
          <p className="px-4 pb-3 text-sm text-slate-600 dark:text-slate-400">{t("search.messages.loading")}</p>
        ) : result.isError ? (
          <p role="alert" className="px-4 pb-3 text-sm text-red-700 dark:text-red-400">
            {t("search.messages.error", { reason: errorText(result.error) })}
          </p>
        ) : hits.length === 0 ? (
          <p className="px-4 pb-3 text-sm text-slate-600 dark:text-slate-400">{t("search.messages.empty", { query: settled })}</p>
        ) : (
          <ul aria-label={t("search.messages.list")}>
            {hits.map((hit) => (
              <li key={hit.id} className="border-b border-slate-100 last:border-b-0 dark:border-slate-900">
                <button
                  type="button"
                  onClick={() => onOpen(hit.conversationId, hit.id)}
                  className="block w-full px-4 py-2 text-left hover:bg-slate-50 focus-visible:-outline-offset-2 dark:hover:bg-slate-900"
                >
                  <span className="flex items-baseline justify-between gap-2">
                    <span className="truncate text-sm font-medium">
                      {hit.direction === "outbound"
                        ? t("search.messages.to", { name: hit.contactName ?? t("search.messages.unknown-contact") })
                        : (hit.contactName ?? t("search.messages.unknown-contact"))}
                    </span>
                    <time dateTime={hit.createdAt} className="shrink-0 text-xs text-slate-500">
                      {format.relative(hit.createdAt)}
                    </time>
                  </span>
                  <span className="line-clamp-2 text-sm text-slate-700 dark:text-slate-300">
                    <HighlightedSnippet snippet={hit.snippet} />
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
