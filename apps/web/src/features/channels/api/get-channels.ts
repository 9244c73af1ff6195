import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import type { ChannelDetails } from "./types.ts";

export function getChannels(client: ApiClient, signal?: AbortSignal): Promise<Page<ChannelDetails>> {
  return client.request<Page<ChannelDetails>>(apiPaths.channels, { signal });
}

export function getChannelsQueryOptions(client: ApiClient) {
  return queryOptions({ queryKey: queryKeys.channels, queryFn: ({ signal }) => getChannels(client, signal) });
}

/** The workspace's WhatsApp numbers, oldest first. */
export function useChannels() {
  const client = useApiClient();
  return useQuery(getChannelsQueryOptions(client));
}
