import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { LoginResponse } from "../../../lib/api-types.ts";
import { useServices } from "../../../lib/services.tsx";
import { authPaths, type SecondFactor } from "./types.ts";

export function verifyMfa(client: ApiClient, body: { mfaToken: string } & SecondFactor): Promise<LoginResponse> {
  return client.request<LoginResponse>(authPaths.mfaVerify, { method: "POST", json: body });
}

/** The second step of a login: a code (or a recovery code) with the login's mfaToken; success starts the session. */
export function useVerifyMfa() {
  const { client, session } = useServices();
  return useMutation({
    mutationFn: (body: { mfaToken: string } & SecondFactor) => verifyMfa(client, body),
    onSuccess: (response) => session.start(response),
  });
}
