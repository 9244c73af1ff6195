import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { channelMembersKey, channelMembersPath } from "./get-channel-members.ts";
import type { ChannelMembers } from "./types.ts";

export function updateChannelMembers(client: ApiClient, channelId: string, userIds: string[]): Promise<ChannelMembers> {
  return client.request<ChannelMembers>(channelMembersPath(channelId), { method: "PUT", json: { userIds } });
}

/** Replaces who works a number; the answer becomes the cached list. */
export function useUpdateChannelMembers(channelId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userIds: string[]) => updateChannelMembers(client, channelId, userIds),
    onSuccess: (members) => queryClient.setQueryData(channelMembersKey(channelId), members),
  });
}
