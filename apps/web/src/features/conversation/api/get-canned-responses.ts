import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { CannedResponse, Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

export function getCannedResponses(client: ApiClient, signal?: AbortSignal): Promise<Page<CannedResponse>> {
  return client.request<Page<CannedResponse>>(apiPaths.cannedResponses, { signal });
}

export function getCannedResponsesQueryOptions(client: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.cannedResponses,
    queryFn: ({ signal }) => getCannedResponses(client, signal),
    staleTime: 5 * 60_000,
  });
}

/**
 * The workspace's canned responses, all of them: a team has tens, so the composer filters as the agent types instead
 * of asking the server on every key.
 */
export function useCannedResponses({ enabled = true }: { enabled?: boolean } = {}) {
  const client = useApiClient();
  return useQuery({ ...getCannedResponsesQueryOptions(client), enabled });
}
