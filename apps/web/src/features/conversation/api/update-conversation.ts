import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Conversation, UpdateConversationBody } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

export function updateConversation(client: ApiClient, conversationId: string, body: UpdateConversationBody): Promise<Conversation> {
  return client.request<Conversation>(apiPaths.conversation(conversationId), { method: "PATCH", json: body });
}

/** Assign, transfer to a human, resolve, reopen or mark read; the answer replaces the cached conversation. */
export function useUpdateConversation(conversationId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateConversationBody) => updateConversation(client, conversationId, body),
    onSuccess: (conversation) => {
      queryClient.setQueryData(queryKeys.conversations.detail(conversationId), conversation);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.lists });
    },
  });
}
