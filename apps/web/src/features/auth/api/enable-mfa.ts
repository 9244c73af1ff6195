import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { LoginResponse } from "../../../lib/api-types.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { authKeys, authPaths } from "./types.ts";

/** Ten recovery codes; with a required enrolment (`mfaToken`) also the session the login was waiting for. */
export type EnableMfaAnswer = { recoveryCodes: string[] } & Partial<LoginResponse>;

export function enableMfa(client: ApiClient, body: { code: string; mfaToken?: string }): Promise<EnableMfaAnswer> {
  return client.request<EnableMfaAnswer>(authPaths.mfaEnable, { method: "POST", json: body });
}

export function useEnableMfa() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string; mfaToken?: string }) => enableMfa(client, body),
    onSuccess: (_answer, body) => {
      // Enabling ends the user's other sessions.
      if (!body.mfaToken) {
        void queryClient.invalidateQueries({ queryKey: authKeys.mfa });
        void queryClient.invalidateQueries({ queryKey: authKeys.sessions });
      }
    },
  });
}
