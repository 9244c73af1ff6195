import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page, User } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

export function getUsers(client: ApiClient, signal?: AbortSignal): Promise<Page<User>> {
  return client.request<Page<User>>(apiPaths.users, { signal });
}

export function getUsersQueryOptions(client: ApiClient) {
  return queryOptions({ queryKey: queryKeys.users, queryFn: ({ signal }) => getUsers(client, signal), staleTime: 5 * 60_000 });
}

/** The workspace's agents (to name a conversation's assignee). */
export function useUsers() {
  const client = useApiClient();
  return useQuery(getUsersQueryOptions(client));
}
