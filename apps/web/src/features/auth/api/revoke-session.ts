import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { authKeys, authPaths } from "./types.ts";

export function revokeSession(client: ApiClient, sessionId: string): Promise<void> {
  return client.request<void>(authPaths.session(sessionId), { method: "DELETE" });
}

/** Logs out one of the agent's other browsers or clients. */
export function useRevokeSession() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => revokeSession(client, sessionId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: authKeys.sessions }),
  });
}
