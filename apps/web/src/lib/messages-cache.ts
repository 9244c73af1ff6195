import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { Message, Page } from "./api-types.ts";
import { queryKeys } from "./query-keys.ts";

/** A conversation's history as cached: pages from the newest, each newest first (the API's order). */
export type MessagePages = InfiniteData<Page<Message>, string | null>;

/** The API's order: newest first; the id breaks ties between messages stamped the same second. */
export function newestFirst(a: Message, b: Message): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Whether a conversation's history is cached and holds this message. */
export function hasCachedMessage(queryClient: QueryClient, conversationId: string, messageId: string): boolean {
  const data = queryClient.getQueryData<MessagePages>(queryKeys.messages.list(conversationId));
  return Boolean(data?.pages.some((page) => page.data.some((m) => m.id === messageId)));
}

/**
 * Puts one message into its conversation's cached history: replaces it where it is, or adds a new one to the newest
 * page. Does nothing when that history was never loaded (it will be fetched whole when opened).
 */
export function upsertMessage(queryClient: QueryClient, message: Message): void {
  queryClient.setQueryData<MessagePages>(queryKeys.messages.list(message.conversationId), (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((page) => ({
      ...page,
      data: page.data.map((m) => {
        if (m.id !== message.id) return m;
        found = true;
        return message;
      }),
    }));
    const [first, ...rest] = pages;
    if (found || !first) return { ...data, pages };
    return { ...data, pages: [{ ...first, data: [message, ...first.data].sort(newestFirst) }, ...rest] };
  });
}
