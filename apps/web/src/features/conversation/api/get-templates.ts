import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { MessageTemplate } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

export function getTemplates(client: ApiClient, channelId: string, signal?: AbortSignal): Promise<{ data: MessageTemplate[] }> {
  return client.request<{ data: MessageTemplate[] }>(apiPaths.templates(channelId), { signal });
}

export function getTemplatesQueryOptions(client: ApiClient, channelId: string) {
  return queryOptions({
    queryKey: queryKeys.templates(channelId),
    queryFn: ({ signal }) => getTemplates(client, channelId, signal),
    staleTime: 5 * 60_000,
  });
}

/** The channel's message templates (Meta's list; the picker offers the approved ones). */
export function useTemplates(channelId: string, { enabled = true }: { enabled?: boolean } = {}) {
  const client = useApiClient();
  return useQuery({ ...getTemplatesQueryOptions(client, channelId), enabled });
}
