import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { type EmbedSettings, type EmbedSettingsInput, type EmbedSettingsSaved, embedKeys, embedPaths } from "./types.ts";

export function getEmbedSettings(client: ApiClient, signal?: AbortSignal): Promise<EmbedSettings> {
  return client.request<EmbedSettings>(embedPaths.settings, { signal });
}

export function getEmbedSettingsQueryOptions(client: ApiClient) {
  return queryOptions({ queryKey: embedKeys.settings, queryFn: ({ signal }) => getEmbedSettings(client, signal) });
}

/** The workspace's CRM embedding (administrators: `settings.manage`). */
export function useEmbedSettings() {
  return useQuery(getEmbedSettingsQueryOptions(useApiClient()));
}

export function updateEmbedSettings(client: ApiClient, body: EmbedSettingsInput): Promise<EmbedSettingsSaved> {
  return client.request<EmbedSettingsSaved>(embedPaths.settings, { method: "PUT", json: body });
}

export function useUpdateEmbedSettings() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EmbedSettingsInput) => updateEmbedSettings(client, body),
    onSuccess: ({ generatedSecret: _secret, ...settings }) => {
      // The generated secret is shown once by the form, never kept in the cache.
      queryClient.setQueryData(embedKeys.settings, settings);
    },
  });
}
