import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { type ScheduleBody, type ScheduledMessage, type ScheduleResult, schedulingKeys, schedulingPaths } from "./types.ts";

export function getScheduledMessages(client: ApiClient, conversationId: string, signal?: AbortSignal) {
  return client.request<{ data: ScheduledMessage[] }>(schedulingPaths.conversation(conversationId), { signal });
}

export function getScheduledMessagesQueryOptions(client: ApiClient, conversationId: string) {
  return queryOptions({
    queryKey: schedulingKeys.conversation(conversationId),
    queryFn: ({ signal }) => getScheduledMessages(client, conversationId, signal),
  });
}

/** The conversation's scheduled messages and reminders (pending ones, and what happened to recent ones). */
export function useScheduledMessages(conversationId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getScheduledMessagesQueryOptions(useApiClient(), conversationId), enabled });
}

function useRefreshAfter(conversationId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: schedulingKeys.conversation(conversationId) });
}

export function useScheduleMessage(conversationId: string) {
  const client = useApiClient();
  const refresh = useRefreshAfter(conversationId);
  return useMutation({
    mutationFn: (body: ScheduleBody) =>
      client.request<ScheduleResult>(schedulingPaths.conversation(conversationId), { method: "POST", json: body }),
    onSuccess: () => void refresh(),
  });
}

export function useUpdateScheduledMessage(conversationId: string) {
  const client = useApiClient();
  const refresh = useRefreshAfter(conversationId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<ScheduleBody> }) =>
      client.request<ScheduleResult>(schedulingPaths.item(id), { method: "PATCH", json: body }),
    onSuccess: () => void refresh(),
  });
}

export function useCancelScheduledMessage(conversationId: string) {
  const client = useApiClient();
  const refresh = useRefreshAfter(conversationId);
  return useMutation({
    mutationFn: (id: string) => client.request<ScheduledMessage>(schedulingPaths.item(id), { method: "DELETE" }),
    // A 409 means it went meanwhile: the list shows what became of it.
    onSettled: () => void refresh(),
  });
}
