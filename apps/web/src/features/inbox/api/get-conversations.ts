import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Conversation, Page } from "../../../lib/api-types.ts";
import { type ConversationListFilters, queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

const PAGE_SIZE = 100;

export function getConversations(
  client: ApiClient,
  { filters, cursor, signal }: { filters: ConversationListFilters; cursor: string | null; signal?: AbortSignal },
): Promise<Page<Conversation>> {
  return client.request<Page<Conversation>>(apiPaths.conversations, { query: { ...filters, limit: PAGE_SIZE, cursor }, signal });
}

export function getConversationsQueryOptions(client: ApiClient, filters: ConversationListFilters) {
  return infiniteQueryOptions({
    queryKey: queryKeys.conversations.list(filters),
    queryFn: ({ pageParam, signal }) => getConversations(client, { filters, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A new filter keeps the current rows on screen (filtered again in the browser) until its first page arrives.
    placeholderData: keepPreviousData,
  });
}

/** Conversations matching the server-side filters, newest activity first, a page at a time. */
export function useConversations(filters: ConversationListFilters) {
  const client = useApiClient();
  return useInfiniteQuery(getConversationsQueryOptions(client, filters));
}
