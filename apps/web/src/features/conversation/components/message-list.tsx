import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { useListVirtualizer } from "../../../hooks/use-list-virtualizer.ts";
import { useNow } from "../../../hooks/use-now.ts";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { Message } from "../../../lib/api-types.ts";
import { newestFirst } from "../../../lib/messages-cache.ts";
import { useMessages } from "../api/get-messages.ts";
import { DaySeparator, localDayKey } from "./day-separator.tsx";
import { MediaViewer } from "./media-viewer.tsx";
import { MessageBubble, type MessageSlots } from "./message-bubble.tsx";

const NEAR_EDGE_PX = 120;
/** A bubble's height before it is measured. */
const ROW_ESTIMATE_PX = 64;

/**
 * A conversation's history, oldest at the top and newest at the bottom. Scrolling to the top loads older pages
 * (keeping the view where it was); new messages scroll into view when the agent was already at the bottom. An image
 * or video opens over the whole screen, browsing the loaded ones with ← →.
 */
export function MessageList({
  conversationId,
  onReply,
  slots,
}: {
  conversationId: string;
  onReply?: (message: Message) => void;
  slots?: MessageSlots;
}) {
  const t = useT();
  const errorText = useErrorText();
  const now = useNow(60_000);
  const query = useMessages(conversationId);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ messageId: string; opener: HTMLElement } | null>(null);

  const messages = useMemo(() => {
    const seen = new Set<string>();
    const all = (query.data?.pages ?? []).flatMap((page) => page.data).filter((m) => !seen.has(m.id) && seen.add(m.id));
    return all.sort(newestFirst).reverse();
  }, [query.data]);
  const byId = useMemo(() => new Map(messages.map((m) => [m.id, m])), [messages]);
  const gallery = useMemo(() => messages.filter((m) => (m.type === "image" || m.type === "video") && m.media), [messages]);
  const viewingIndex = viewing ? gallery.findIndex((m) => m.id === viewing.messageId) : -1;
  const indexById = useMemo(() => new Map(messages.map((m, index) => [m.id, index])), [messages]);
  // Only the bubbles in view (plus a margin) are in the DOM: 5,000 messages open and scroll like 50.
  const virtualizer = useListVirtualizer({
    count: messages.length,
    scroller: useCallback(() => scroller.current, []),
    estimateSize: ROW_ESTIMATE_PX,
    getItemKey: useCallback((index: number) => messages[index]?.id ?? String(index), [messages]),
  });
  const first = messages[0]?.id;
  const last = messages[messages.length - 1];

  const loadOlder = useCallback(() => {
    const el = scroller.current;
    if (!hasNextPage || isFetchingNextPage) return;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Older messages were put above: keep the ones the agent was reading where they were.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the oldest message changes
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !anchor.current) return;
    el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
    anchor.current = null;
  }, [first]);

  // A new message at the bottom: follow it if the agent was at the bottom, or sent it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the newest message changes
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !last) return;
    if (nearBottom.current || last.direction === "outbound") el.scrollTop = el.scrollHeight;
  }, [last?.id]);

  // Media that finishes loading makes bubbles taller: stay at the bottom if the agent was there.
  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (nearBottom.current && !anchor.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_EDGE_PX;
    if (el.scrollTop < NEAR_EDGE_PX) loadOlder();
  };

  const jumpTo = useCallback(
    (messageId: string) => {
      const index = indexById.get(messageId);
      if (index === undefined) return;
      nearBottom.current = false;
      virtualizer.scrollToIndex(index, { align: "center" });
      setHighlighted(messageId);
      setTimeout(() => setHighlighted((current) => (current === messageId ? null : current)), 2_000);
    },
    [indexById, virtualizer],
  );

  const openMedia = useCallback((message: Message, opener: HTMLElement) => setViewing({ messageId: message.id, opener }), []);

  const closeViewer = () => {
    const opener = viewing?.opener;
    setViewing(null);
    // Back to the bubble it was opened from (found again if the list re-rendered it), else to the history.
    const target =
      (opener?.isConnected ? opener : null) ??
      scroller.current?.querySelector<HTMLElement>(`[data-media-open="${viewing?.messageId}"]`) ??
      scroller.current;
    target?.focus();
  };

  return (
    <>
      {viewing && viewingIndex !== -1 ? (
        <MediaViewer
          conversationId={conversationId}
          items={gallery}
          index={viewingIndex}
          onIndexChange={(index) => {
            const next = gallery[index];
            if (next) setViewing((current) => (current ? { ...current, messageId: next.id } : current));
          }}
          onClose={closeViewer}
        />
      ) : null}
      <div
        ref={scroller}
        onScroll={onScroll}
        role="log"
        aria-label={t("conversation.messages")}
        aria-busy={query.isPending || isFetchingNextPage}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the history
        tabIndex={0}
        className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-3 py-2 sm:px-6 dark:bg-slate-950"
      >
        <div ref={content}>
          {query.isPending ? (
            <p className="p-4 text-center text-sm text-slate-600 dark:text-slate-400">{t("common.loading")}</p>
          ) : query.isError && !query.data ? (
            <div role="alert" className="space-y-2 p-4 text-center text-sm">
              <p>{t("conversation.error", { reason: errorText(query.error) })}</p>
              <Button size="sm" onClick={() => void query.refetch()}>
                {t("common.retry")}
              </Button>
            </div>
          ) : (
            <>
              <div className="flex justify-center py-2">
                {hasNextPage ? (
                  <Button size="sm" variant="ghost" disabled={isFetchingNextPage} onClick={loadOlder}>
                    {isFetchingNextPage ? t("conversation.loading-older") : t("conversation.load-older")}
                  </Button>
                ) : (
                  <span className="text-xs text-slate-500 dark:text-slate-400">
                    {messages.length ? t("conversation.start") : t("conversation.empty")}
                  </span>
                )}
              </div>
              <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
                {virtualizer.getVirtualItems().map((row) => {
                  const message = messages[row.index];
                  if (!message) return null;
                  const previous = messages[row.index - 1];
                  const newDay = !previous || localDayKey(previous.createdAt) !== localDayKey(message.createdAt);
                  const quotedId = message.replyTo?.messageId;
                  return (
                    <div
                      key={row.key}
                      data-index={row.index}
                      ref={virtualizer.measureElement}
                      className="absolute top-0 left-0 w-full"
                      style={{ transform: `translateY(${row.start}px)` }}
                    >
                      {newDay ? <DaySeparator iso={message.createdAt} now={now} /> : null}
                      <MessageBubble
                        message={message}
                        quoted={quotedId ? byId.get(quotedId) : undefined}
                        highlighted={highlighted === message.id}
                        onReply={onReply}
                        onJump={jumpTo}
                        onOpenMedia={openMedia}
                        slots={slots}
                      />
                    </div>
                  );
                })}
              </div>
            </>
          )}
        </div>
      </div>
    </>
  );
}
