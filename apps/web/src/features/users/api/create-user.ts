import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import type { CreateUserBody, ManagedUser } from "./types.ts";

export function createUser(client: ApiClient, body: CreateUserBody): Promise<ManagedUser> {
  return client.request<ManagedUser>(apiPaths.users, { method: "POST", json: body });
}

/** Creates a user (admins); every users query (this page, the assignee pickers) refetches. */
export function useCreateUser() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => createUser(client, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
