import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { authKeys, authPaths } from "./types.ts";

export interface ChangePasswordBody {
  currentPassword: string;
  newPassword: string;
}

export function changePassword(client: ApiClient, body: ChangePasswordBody): Promise<void> {
  return client.request<void>(authPaths.password, { method: "POST", json: body });
}

/** Changes the agent's own password; the server ends their other sessions. */
export function useChangePassword() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => changePassword(client, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.sessions }),
  });
}
