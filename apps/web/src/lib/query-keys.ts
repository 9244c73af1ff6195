import type { ConversationStatus } from "./api-types.ts";

export interface ConversationListFilters {
  status?: ConversationStatus;
  assigneeId?: string;
  /** A contact's conversations (the contact panel's history). */
  contactId?: string;
  channelId?: string;
  /** Only conversations nobody is assigned to. */
  unassigned?: "true";
  /** Server-side search: the contact (name prefix, phone) or a message (words) matches. */
  q?: string;
}

/**
 * Every query key, shared by the features that read the data and by lib/live.ts, which keeps the cache current from
 * the event stream. Keys start with the resource and hold every variable the fetcher uses.
 */
export const queryKeys = {
  conversations: {
    all: ["conversations"] as const,
    lists: ["conversations", "list"] as const,
    list: (filters: ConversationListFilters) => ["conversations", "list", filters] as const,
    details: ["conversations", "detail"] as const,
    detail: (conversationId: string) => ["conversations", "detail", conversationId] as const,
  },
  messages: {
    all: ["messages"] as const,
    list: (conversationId: string) => ["messages", { conversationId }] as const,
  },
  media: (mediaId: string) => ["media", mediaId] as const,
  templates: (channelId: string) => ["templates", { channelId }] as const,
  users: ["users"] as const,
  channels: ["channels"] as const,
  cannedResponses: ["canned-responses"] as const,
  contactNotes: (contactId: string) => ["contact-notes", { contactId }] as const,
  contactConsents: (contactId: string) => ["consents", { contactId }] as const,
  search: (params: { q: string; type: "messages" | "contacts" | "all" }) => ["search", params] as const,
};
