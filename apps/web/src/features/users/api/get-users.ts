import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import type { ManagedUser } from "./types.ts";

export function getUsers(client: ApiClient, signal?: AbortSignal): Promise<Page<ManagedUser>> {
  return client.request<Page<ManagedUser>>(apiPaths.users, { signal });
}

/** The same key as the assignee pickers' query, so a change here refreshes them too. */
export function getUsersQueryOptions(client: ApiClient) {
  return queryOptions({ queryKey: queryKeys.users, queryFn: ({ signal }) => getUsers(client, signal) });
}

/** The workspace's users, active and deactivated, by name. */
export function useUsers() {
  const client = useApiClient();
  return useQuery(getUsersQueryOptions(client));
}
