import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page } from "../../../lib/api-types.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { authKeys, authPaths, type SessionInfo } from "./types.ts";

export function getSessions(client: ApiClient, signal?: AbortSignal): Promise<Page<SessionInfo>> {
  return client.request<Page<SessionInfo>>(authPaths.sessions, { signal });
}

export function getSessionsQueryOptions(client: ApiClient) {
  return queryOptions({ queryKey: authKeys.sessions, queryFn: ({ signal }) => getSessions(client, signal) });
}

export function useSessions() {
  return useQuery(getSessionsQueryOptions(useApiClient()));
}
