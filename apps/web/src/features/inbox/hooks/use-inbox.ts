import { useMemo, useState } from "react";
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

/** The inbox's filters and the conversations they select. */
export function useInbox({ userId }: { userId: string }): Inbox {
  const [tab, setTab] = useState<InboxTab>("all");
  const [status, setStatus] = useState<ConversationStatus>("open");
  const [search, setSearch] = useState("");
  const [channelId, setChannelId] = useState<string | null>(null);
  const query = useConversations(serverFilters({ tab, status, userId, channelId }));
  const conversations = useMemo(
    () => selectConversations(query.data?.pages.flatMap((page) => page.data) ?? [], { tab, query: search, userId, status, channelId }),
    [query.data, tab, search, userId, status, channelId],
  );
  return { tab, setTab, status, setStatus, search, setSearch, channelId, setChannelId, conversations, query };
}
