import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Conversation } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { copilotKeys, copilotPaths } from "./copilot-paths.ts";
import type { Handoff } from "./types.ts";

export function getHandoffs(client: ApiClient, conversationId: string, signal?: AbortSignal): Promise<{ data: Handoff[] }> {
  return client.request<{ data: Handoff[] }>(copilotPaths.handoffs(conversationId), { signal });
}

/** The conversation's handoffs between bot and people, newest first. */
export function useHandoffs(conversationId: string, { enabled = true }: { enabled?: boolean } = {}) {
  const client = useApiClient();
  return useQuery({
    queryKey: copilotKeys.handoffs(conversationId),
    queryFn: ({ signal }) => getHandoffs(client, conversationId, signal),
    enabled,
  });
}

/** The answer is the conversation: it replaces the cached one; lists and the handoff history are refetched. */
function useConversationChange(conversationId: string, call: (client: ApiClient) => Promise<Conversation>) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(client),
    onSuccess: (conversation) => {
      queryClient.setQueryData(queryKeys.conversations.detail(conversationId), conversation);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.lists });
      void queryClient.invalidateQueries({ queryKey: copilotKeys.handoffs(conversationId) });
    },
  });
}

/** "Transfer to human": the bot stops, the conversation waits open and unassigned, with a summary for whoever takes it. */
export function useHandoffToHuman(conversationId: string) {
  return useConversationChange(conversationId, (client) =>
    client.request<Conversation>(copilotPaths.handoff(conversationId), { method: "POST", json: {} }),
  );
}

/** "Hand back to the bot" (409 `bot.not_enabled` when the channel's bot is off). */
export function useHandBackToBot(conversationId: string) {
  return useConversationChange(conversationId, (client) =>
    client.request<Conversation>(copilotPaths.handBack(conversationId), { method: "POST", json: {} }),
  );
}
