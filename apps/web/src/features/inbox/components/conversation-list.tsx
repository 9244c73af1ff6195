import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useId, useRef } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useChannels } from "../../../hooks/use-channels.ts";
import { useListVirtualizer } from "../../../hooks/use-list-virtualizer.ts";
import { useNow } from "../../../hooks/use-now.ts";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { Conversation, ConversationStatus } from "../../../lib/api-types.ts";
import type { InboxTab } from "../hooks/select-conversations.ts";
import type { Inbox } from "../hooks/use-inbox.ts";
import { ConversationListItem } from "./conversation-list-item.tsx";

const TABS: Array<{ tab: InboxTab; label: TranslationKey }> = [
  { tab: "mine", label: "inbox.tabs.mine" },
  { tab: "unassigned", label: "inbox.tabs.unassigned" },
  { tab: "all", label: "inbox.tabs.all" },
];

/** A row's height before it is measured (avatar, name, preview and badges). */
const ROW_ESTIMATE_PX = 76;

/** How close to the end of the loaded rows the next page is fetched. */
const PREFETCH_ROWS = 15;

const STATUSES: Array<{ status: ConversationStatus; label: TranslationKey }> = [
  { status: "open", label: "inbox.status.open" },
  { status: "pending", label: "inbox.status.pending" },
  { status: "resolved", label: "inbox.status.resolved" },
];

export function ConversationList({
  inbox,
  selectedId,
  onSelect,
  rowBadges,
}: {
  inbox: Inbox;
  selectedId: string | null;
  onSelect: (conversationId: string) => void;
  /** Extra badges on each row (the copilot's sentiment and attention marker), composed by the app. */
  rowBadges?: (conversation: Conversation) => ReactNode;
}) {
  const t = useT();
  const errorText = useErrorText();
  const now = useNow();
  const panelId = useId();
  const statusId = useId();
  const searchId = useId();
  const channelId = useId();
  const channels = useChannels().data?.data ?? [];
  const { query, conversations } = inbox;
  const scroller = useRef<HTMLDivElement>(null);

  // Only the rows in view (plus a margin) are in the DOM: 10,000 conversations scroll like 20.
  const virtualizer = useListVirtualizer({
    count: conversations.length,
    scroller: useCallback(() => scroller.current, []),
    estimateSize: ROW_ESTIMATE_PX,
    getItemKey: useCallback((index: number) => conversations[index]?.id ?? String(index), [conversations]),
  });

  // j / k may select a row outside the window: bring it into view (only when the selection changes, so live
  // reordering never moves the list under the agent).
  const loaded = conversations.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the selection changes or the list first loads
  useEffect(() => {
    const index = selectedId ? conversations.findIndex((c) => c.id === selectedId) : -1;
    if (index >= 0) virtualizer.scrollToIndex(index, { align: "auto" });
  }, [selectedId, loaded]);

  // Scrolling near the end loads the next page (the button below stays for keyboards and screen readers).
  const lastVisible = virtualizer.getVirtualItems().at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, isPlaceholderData, fetchNextPage } = query;
  useEffect(() => {
    // Rows kept from the previous filter are not this filter's pages: wait for its first page.
    if (isPlaceholderData || !hasNextPage || isFetchingNextPage) return;
    if (lastVisible >= conversations.length - PREFETCH_ROWS) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isPlaceholderData, fetchNextPage, lastVisible, conversations.length]);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  const onTabKey = (event: KeyboardEvent, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = TABS[(index + step + TABS.length) % TABS.length];
    if (!next) return;
    inbox.setTab(next.tab);
    document.getElementById(`${panelId}-${next.tab}`)?.focus();
  };

  return (
    <section aria-label={t("inbox.title")} className="flex h-full min-h-0 flex-col">
      <div className="space-y-3 border-b border-slate-200 p-4 dark:border-slate-800">
        <div role="tablist" aria-label={t("inbox.tabs.label")} className="flex gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-900">
          {TABS.map(({ tab, label }, index) => (
            <button
              key={tab}
              id={`${panelId}-${tab}`}
              type="button"
              role="tab"
              aria-selected={inbox.tab === tab}
              aria-controls={panelId}
              tabIndex={inbox.tab === tab ? 0 : -1}
              onClick={() => inbox.setTab(tab)}
              onKeyDown={(event) => onTabKey(event, index)}
              className={`flex-1 rounded-md px-1 py-1.5 text-[13px] leading-tight font-medium ${
                inbox.tab === tab ? "bg-white shadow-sm dark:bg-slate-800" : "text-slate-700 dark:text-slate-300"
              }`}
            >
              {t(label)}
            </button>
          ))}
        </div>
        <div className="flex gap-2">
          <div className="relative flex-1">
            <label htmlFor={searchId} className="sr-only">
              {t("inbox.search.label")}
            </label>
            <span className="pointer-events-none absolute inset-y-0 left-2.5 flex items-center text-slate-500">
              <Icon name="search" className="size-4" />
            </span>
            <input
              id={searchId}
              type="search"
              value={inbox.search}
              onChange={(event) => inbox.setSearch(event.target.value)}
              placeholder={t("inbox.search.placeholder")}
              className="h-9 w-full rounded-lg border border-slate-300 bg-white pr-2 pl-8 text-sm placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-950"
            />
          </div>
          <label htmlFor={statusId} className="sr-only">
            {t("inbox.status.label")}
          </label>
          <select
            id={statusId}
            value={inbox.status}
            onChange={(event) => inbox.setStatus(event.target.value as ConversationStatus)}
            className="h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950"
          >
            {STATUSES.map(({ status, label }) => (
              <option key={status} value={status}>
                {t(label)}
              </option>
            ))}
          </select>
        </div>
        {channels.length > 1 ? (
          <div>
            <label htmlFor={channelId} className="sr-only">
              {t("inbox.channel.label")}
            </label>
            <select
              id={channelId}
              value={inbox.channelId ?? ""}
              onChange={(event) => inbox.setChannelId(event.target.value || null)}
              className="h-9 w-full rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950"
            >
              <option value="">{t("inbox.channel.all")}</option>
              {channels.map((channel) => (
                <option key={channel.id} value={channel.id}>
                  {channel.displayPhoneNumber ? `${channel.name} · ${channel.displayPhoneNumber}` : channel.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <div
        ref={scroller}
        id={panelId}
        role="tabpanel"
        aria-labelledby={`${panelId}-${inbox.tab}`}
        className="min-h-0 flex-1 overflow-y-auto"
      >
        {query.isPending ? (
          <p className="p-4 text-sm text-slate-600 dark:text-slate-400">{t("common.loading")}</p>
        ) : query.isError && !query.data ? (
          <div className="space-y-2 p-4 text-sm" role="alert">
            <p>{t("inbox.error", { reason: errorText(query.error) })}</p>
            <Button size="sm" onClick={() => void query.refetch()}>
              {t("common.retry")}
            </Button>
          </div>
        ) : conversations.length === 0 ? (
          <p className="p-4 text-sm text-slate-600 dark:text-slate-400">
            {inbox.search.trim() ? t("inbox.empty-search", { query: inbox.search.trim() }) : t("inbox.empty")}
          </p>
        ) : (
          <ul aria-label={t("inbox.list-label")} className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const conversation = conversations[row.index];
              if (!conversation) return null;
              return (
                <li
                  key={row.key}
                  data-index={row.index}
                  ref={virtualizer.measureElement}
                  aria-setsize={conversations.length}
                  aria-posinset={row.index + 1}
                  className="absolute top-0 left-0 w-full border-b border-slate-100 dark:border-slate-900"
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <ConversationListItem
                    conversation={conversation}
                    selected={conversation.id === selectedId}
                    now={now}
                    onSelect={onSelect}
                    badges={rowBadges}
                  />
                </li>
              );
            })}
          </ul>
        )}
        {query.hasNextPage ? (
          <div className="p-4">
            <Button size="sm" className="w-full" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? t("common.loading") : t("inbox.load-more")}
            </Button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
