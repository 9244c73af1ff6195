import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { type ManagedUser, type UpdateUserBody, userPath } from "./types.ts";

export function updateUser(client: ApiClient, userId: string, body: UpdateUserBody): Promise<ManagedUser> {
  return client.request<ManagedUser>(userPath(userId), { method: "PATCH", json: body });
}

/** Renames, changes the role, deactivates/reactivates or resets the password (admins); users queries refetch. */
export function useUpdateUser() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: UpdateUserBody }) => updateUser(client, userId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
