import type { Conversation, ConversationStatus } from "../../../lib/api-types.ts";
import type { ConversationListFilters } from "../../../lib/query-keys.ts";

export type InboxTab = "mine" | "unassigned" | "all";

/**
 * What the server filters (status, number, and the tab's assignee), so every page is full of rows the tab shows.
 * A typed search goes to the server too (`q`, through blind indexes; see use-inbox.ts), and is applied in the
 * browser by name and phone meanwhile.
 */
export function serverFilters({
  tab,
  status,
  userId,
  channelId,
}: {
  tab: InboxTab;
  status: ConversationStatus;
  userId: string;
  channelId?: string | null | undefined;
}): ConversationListFilters {
  return {
    status,
    ...(tab === "mine" ? { assigneeId: userId } : tab === "unassigned" ? { unassigned: "true" as const } : {}),
    ...(channelId ? { channelId } : {}),
  };
}

const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase();

/** Whether a conversation's contact matches a search by name (accents and case ignored) or phone (digits only). */
export function matchesSearch(conversation: Conversation, query: string): boolean {
  const text = fold(query.trim());
  if (!text) return true;
  const contact = conversation.contact;
  if (contact?.name && fold(contact.name).includes(text)) return true;
  if (contact?.username && fold(contact.username).includes(text)) return true;
  const digits = text.replace(/\D/g, "");
  if (digits.length === 0 || digits.length < text.replace(/[\s()+.-]/g, "").length) return false;
  return [contact?.phone, contact?.waId].some((phone) => phone?.replace(/\D/g, "").includes(digits));
}

/**
 * The conversations a tab shows, newest activity first. The server's filters are applied again here, so that the
 * previous list, kept on screen while a new filter loads, never shows rows the new filter excludes.
 */
export function selectConversations(
  conversations: Conversation[],
  {
    tab,
    query,
    userId,
    status,
    channelId,
  }: { tab: InboxTab; query: string; userId: string; status?: ConversationStatus; channelId?: string | null },
): Conversation[] {
  const seen = new Set<string>();
  return conversations
    .filter((c) => {
      if (seen.has(c.id)) return false;
      seen.add(c.id);
      if (tab === "mine" && c.assigneeId !== userId) return false;
      if (tab === "unassigned" && c.assigneeId !== null) return false;
      if (status && c.status !== status) return false;
      if (channelId && c.channelId !== channelId) return false;
      return matchesSearch(c, query);
    })
    .sort((a, b) => (a.lastActivityAt < b.lastActivityAt ? 1 : a.lastActivityAt > b.lastActivityAt ? -1 : 0));
}
