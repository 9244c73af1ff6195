import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Conversation, Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

const PAGE_SIZE = 20;

export function getContactConversations(
  client: ApiClient,
  { contactId, cursor, signal }: { contactId: string; cursor: string | null; signal?: AbortSignal },
): Promise<Page<Conversation>> {
  return client.request<Page<Conversation>>(apiPaths.conversations, { query: { contactId, limit: PAGE_SIZE, cursor }, signal });
}

/**
 * Keyed as a conversation list filtered by contact, so the live stream's list refreshes (and the caches that read
 * every list) include it.
 */
export function getContactConversationsQueryOptions(client: ApiClient, contactId: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.conversations.list({ contactId }),
    queryFn: ({ pageParam, signal }) => getContactConversations(client, { contactId, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Every conversation of the contact, newest activity first. */
export function useContactConversations(contactId: string) {
  const client = useApiClient();
  return useInfiniteQuery(getContactConversationsQueryOptions(client, contactId));
}
