import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { type ProviderSummary, type SsoSettings, type SsoSettingsBody, ssoKeys, ssoPaths } from "./types.ts";

export function getSsoSettings(client: ApiClient, signal?: AbortSignal): Promise<SsoSettings> {
  return client.request<SsoSettings>(ssoPaths.settings, { signal });
}

export function getSsoSettingsQueryOptions(client: ApiClient) {
  return queryOptions({ queryKey: ssoKeys.settings, queryFn: ({ signal }) => getSsoSettings(client, signal) });
}

/** The workspace's SSO configuration (administrators: `settings.manage`). */
export function useSsoSettings() {
  return useQuery(getSsoSettingsQueryOptions(useApiClient()));
}

export function updateSsoSettings(client: ApiClient, body: SsoSettingsBody): Promise<SsoSettings> {
  return client.request<SsoSettings>(ssoPaths.settings, { method: "PUT", json: body });
}

export function useUpdateSsoSettings() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SsoSettingsBody) => updateSsoSettings(client, body),
    onSuccess: (answer) => queryClient.setQueryData(ssoKeys.settings, answer),
  });
}

/** Reads the issuer's discovery document from the server: the endpoints, or `sso.discovery_failed` saying why. */
export function testSsoDiscovery(client: ApiClient, issuer: string): Promise<ProviderSummary> {
  return client.request<ProviderSummary>(ssoPaths.testDiscovery, { method: "POST", json: issuer ? { issuer } : {} });
}

export function useTestSsoDiscovery() {
  const client = useApiClient();
  return useMutation({ mutationFn: (issuer: string) => testSsoDiscovery(client, issuer) });
}
