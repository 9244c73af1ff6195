import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Message, Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

const PAGE_SIZE = 50;

/** One page of a conversation's history, newest first; `cursor` continues towards older messages. */
export function getMessages(
  client: ApiClient,
  { conversationId, cursor, signal }: { conversationId: string; cursor: string | null; signal?: AbortSignal },
): Promise<Page<Message>> {
  return client.request<Page<Message>>(apiPaths.messages(conversationId), { query: { limit: PAGE_SIZE, cursor }, signal });
}

export function getMessagesQueryOptions(client: ApiClient, conversationId: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.messages.list(conversationId),
    queryFn: ({ pageParam, signal }) => getMessages(client, { conversationId, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** A conversation's history; `fetchNextPage` loads older messages. */
export function useMessages(conversationId: string) {
  const client = useApiClient();
  return useInfiniteQuery(getMessagesQueryOptions(client, conversationId));
}
