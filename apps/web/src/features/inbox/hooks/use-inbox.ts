import { useEffect, useMemo, useState } from "react";
import { useDebouncedValue } from "../../../hooks/use-debounced-value.ts";
import { ApiError } from "../../../lib/api-client.ts";
import type { Conversation, ConversationStatus } from "../../../lib/api-types.ts";
import { useConversations } from "../api/get-conversations.ts";
import { type InboxTab, selectConversations, serverFilters } from "./select-conversations.ts";

export interface Inbox {
  tab: InboxTab;
  setTab(tab: InboxTab): void;
  status: ConversationStatus;
  setStatus(status: ConversationStatus): void;
  search: string;
  setSearch(search: string): void;
  /** Only this WhatsApp number's conversations, or null for all. */
  channelId: string | null;
  setChannelId(channelId: string | null): void;
  /** What the list shows, in order (also what j/k walk through). */
  conversations: Conversation[];
  query: ReturnType<typeof useConversations>;
}

/** Typing settles this long before the server is asked to search. */
export const SERVER_SEARCH_DEBOUNCE_MS = 300;
/** Shorter searches are answered by the local filter only. */
const MIN_SERVER_SEARCH = 2;

/** The inbox's filters and the conversations they select. */
export function useInbox({ userId }: { userId: string }): Inbox {
  const [tab, setTab] = useState<InboxTab>("all");
  const [status, setStatus] = useState<ConversationStatus>("open");
  const [search, setSearch] = useState("");
  const [channelId, setChannelId] = useState<string | null>(null);
  // The server searches (contact name prefix, phone, message words) once typing settles; until its answer is in,
  // the rows on screen are filtered in the browser by name and phone, as an instant first answer.
  const typed = search.trim();
  const settled = useDebouncedValue(typed, SERVER_SEARCH_DEBOUNCE_MS);
  const [unsearchable, setUnsearchable] = useState<string | null>(null);
  const q = settled.length >= MIN_SERVER_SEARCH && settled !== unsearchable ? settled : undefined;
  const query = useConversations({ ...serverFilters({ tab, status, userId, channelId }), ...(q ? { q } : {}) });
  // Only common words ("de", "the"): the server has nothing to look for; the local filter answers alone.
  useEffect(() => {
    if (q && query.error instanceof ApiError && query.error.code === "search.query_empty") setUnsearchable(q);
  }, [q, query.error]);
  const answeredByServer = q !== undefined && q === typed && !query.isPlaceholderData;
  const conversations = useMemo(
    () =>
      selectConversations(query.data?.pages.flatMap((page) => page.data) ?? [], {
        tab,
        query: answeredByServer ? "" : search,
        userId,
        status,
        channelId,
      }),
    [query.data, tab, search, answeredByServer, userId, status, channelId],
  );
  return { tab, setTab, status, setStatus, search, setSearch, channelId, setChannelId, conversations, query };
}
