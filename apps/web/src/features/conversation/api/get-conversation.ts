import { type QueryClient, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Conversation, Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

export function getConversation(client: ApiClient, conversationId: string, signal?: AbortSignal): Promise<Conversation> {
  return client.request<Conversation>(apiPaths.conversation(conversationId), { signal });
}

/** The row the inbox already has, shown while the conversation itself loads. */
function fromLists(queryClient: QueryClient, conversationId: string): Conversation | undefined {
  for (const [, data] of queryClient.getQueriesData<{ pages: Page<Conversation>[] }>({ queryKey: queryKeys.conversations.lists })) {
    const found = data?.pages.flatMap((page) => page.data).find((c) => c.id === conversationId);
    if (found) return found;
  }
  return undefined;
}

export function getConversationQueryOptions(client: ApiClient, conversationId: string) {
  return queryOptions({
    queryKey: queryKeys.conversations.detail(conversationId),
    queryFn: ({ signal }) => getConversation(client, conversationId, signal),
  });
}

export function useConversation(conversationId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useQuery({
    ...getConversationQueryOptions(client, conversationId),
    placeholderData: () => fromLists(queryClient, conversationId),
  });
}
