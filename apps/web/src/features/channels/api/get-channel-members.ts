import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import type { ChannelMembers } from "./types.ts";

export const channelMembersPath = (channelId: string) => `${apiPaths.channel(channelId)}/members`;
/** Under the channels key: refetching the numbers refetches their members too. */
export const channelMembersKey = (channelId: string) => [...queryKeys.channels, channelId, "members"] as const;

export function getChannelMembers(client: ApiClient, channelId: string, signal?: AbortSignal): Promise<ChannelMembers> {
  return client.request<ChannelMembers>(channelMembersPath(channelId), { signal });
}

/** Who works a number (administrators: `channels.manage`). */
export function useChannelMembers(channelId: string) {
  const client = useApiClient();
  return useQuery(
    queryOptions({ queryKey: channelMembersKey(channelId), queryFn: ({ signal }) => getChannelMembers(client, channelId, signal) }),
  );
}
