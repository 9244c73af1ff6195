import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { ssoPaths } from "./types.ts";

/**
 * Where an e-mail signs in: the identity provider's URL when its domain uses SSO (`auth.sso_not_configured` otherwise).
 * The answer also sets the httpOnly cookie that binds the login to this browser.
 */
export function discoverSso(client: ApiClient, email: string): Promise<{ redirectUrl: string }> {
  return client.request<{ redirectUrl: string }>(ssoPaths.discover, { method: "POST", json: { email } });
}

export function useDiscoverSso() {
  const client = useApiClient();
  return useMutation({ mutationFn: (email: string) => discoverSso(client, email) });
}
