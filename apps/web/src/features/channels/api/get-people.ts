import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import type { Person } from "./types.ts";

export function getPeople(client: ApiClient, signal?: AbortSignal): Promise<Page<Person>> {
  return client.request<Page<Person>>(apiPaths.users, { signal });
}

/** The workspace's users (the users query's key: a change on the users page refreshes this list too). */
export function usePeople() {
  const client = useApiClient();
  return useQuery(queryOptions({ queryKey: queryKeys.users, queryFn: ({ signal }) => getPeople(client, signal) }));
}
