import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { authKeys, authPaths, type SecondFactor } from "./types.ts";

export type DisableMfaBody = { password: string } & SecondFactor;

export function disableMfa(client: ApiClient, body: DisableMfaBody): Promise<void> {
  return client.request<void>(authPaths.mfaDisable, { method: "POST", json: body });
}

export function useDisableMfa() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DisableMfaBody) => disableMfa(client, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.mfa }),
  });
}
