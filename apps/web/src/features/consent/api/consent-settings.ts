import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { type ConsentSettings, consentKeys, consentPaths } from "./types.ts";

export function getConsentSettings(client: ApiClient, signal?: AbortSignal): Promise<ConsentSettings> {
  return client.request<ConsentSettings>(consentPaths.settings, { signal });
}

export function getConsentSettingsQueryOptions(client: ApiClient) {
  return queryOptions({ queryKey: consentKeys.settings, queryFn: ({ signal }) => getConsentSettings(client, signal) });
}

/** The workspace's opt-out policy (`settings.manage`: administrators). */
export function useConsentSettings() {
  return useQuery(getConsentSettingsQueryOptions(useApiClient()));
}

export function updateConsentSettings(client: ApiClient, body: ConsentSettings): Promise<ConsentSettings> {
  return client.request<ConsentSettings>(consentPaths.settings, { method: "PUT", json: body });
}

export function useUpdateConsentSettings() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsentSettings) => updateConsentSettings(client, body),
    onSuccess: (answer) => queryClient.setQueryData(consentKeys.settings, answer),
  });
}
