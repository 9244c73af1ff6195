import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page, User } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

export function getPeople(client: ApiClient, signal?: AbortSignal): Promise<Page<User>> {
  return client.request<Page<User>>(apiPaths.users, { signal });
}

/** The workspace's users (the same key as the other user lists): names for the log's actors and the "who" filter. */
export function usePeople() {
  const client = useApiClient();
  return useQuery(queryOptions({ queryKey: queryKeys.users, queryFn: ({ signal }) => getPeople(client, signal) }));
}
