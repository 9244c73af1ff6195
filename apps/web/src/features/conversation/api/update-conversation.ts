import { useMutation, useMutationState, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Conversation, UpdateConversationBody } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

export function updateConversation(client: ApiClient, conversationId: string, body: UpdateConversationBody): Promise<Conversation> {
  return client.request<Conversation>(apiPaths.conversation(conversationId), { method: "PATCH", json: body });
}

/** Every change to one conversation carries this key, so the view can see changes made elsewhere (shortcuts). */
export const updateConversationMutationKey = (conversationId: string) => ["conversations", "update", conversationId] as const;

/** Assign, transfer to a human, resolve, reopen, mark read or unread; the answer replaces the cached conversation. */
export function useUpdateConversation(conversationId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: updateConversationMutationKey(conversationId),
    mutationFn: (body: UpdateConversationBody) => updateConversation(client, conversationId, body),
    onSuccess: (conversation) => {
      queryClient.setQueryData(queryKeys.conversations.detail(conversationId), conversation);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.lists });
    },
  });
}

/**
 * The changes to a conversation submitted since `since` (epoch ms), oldest first, wherever they were made (header,
 * keyboard shortcut, automatic mark-read).
 */
export function useConversationUpdates(conversationId: string, since: number) {
  return useMutationState({
    filters: { mutationKey: updateConversationMutationKey(conversationId), predicate: (m) => m.state.submittedAt >= since },
    select: (m) => ({ body: m.state.variables as UpdateConversationBody | undefined, status: m.state.status, error: m.state.error }),
  });
}
