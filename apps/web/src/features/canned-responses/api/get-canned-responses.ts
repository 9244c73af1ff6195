import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { CannedResponse, Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

export function getCannedResponses(client: ApiClient, signal?: AbortSignal): Promise<Page<CannedResponse>> {
  return client.request<Page<CannedResponse>>(apiPaths.cannedResponses, { signal });
}

/**
 * All the workspace's responses, under the same key as the composer's `/` picker: one cache, so a change made here
 * shows in the picker at once (and the live stream's `canned_response.changed` refreshes both).
 */
export function getCannedResponsesQueryOptions(client: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.cannedResponses,
    queryFn: ({ signal }) => getCannedResponses(client, signal),
  });
}

export function useCannedResponses() {
  const client = useApiClient();
  return useQuery(getCannedResponsesQueryOptions(client));
}
