import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { authPaths, type MfaSetup } from "./types.ts";

/** A new secret and its QR code; with `mfaToken` when the login stopped for a required enrolment. */
export function setupMfa(client: ApiClient, mfaToken?: string): Promise<MfaSetup> {
  return client.request<MfaSetup>(authPaths.mfaSetup, { method: "POST", json: mfaToken ? { mfaToken } : {} });
}

export function useSetupMfa() {
  const client = useApiClient();
  return useMutation({ mutationFn: (mfaToken?: string) => setupMfa(client, mfaToken) });
}
