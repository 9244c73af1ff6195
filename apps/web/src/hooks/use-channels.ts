import { useQuery } from "@tanstack/react-query";
import { apiPaths } from "../config/paths.ts";
import type { Channel, Page } from "../lib/api-types.ts";
import { queryKeys } from "../lib/query-keys.ts";
import { useApiClient } from "../lib/services.tsx";

/** The workspace's WhatsApp numbers (the list's channel filter, the conversation header). */
export function useChannels() {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.channels,
    queryFn: ({ signal }) => client.request<Page<Channel>>(apiPaths.channels, { signal }),
    staleTime: 60_000,
  });
}
