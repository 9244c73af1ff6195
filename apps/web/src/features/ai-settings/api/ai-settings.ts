import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { type AiSettings, type AiSettingsBody, type AiUsage, aiSettingsKeys, aiSettingsPaths, type ProviderTestResult } from "./types.ts";

export function getAiSettings(client: ApiClient, signal?: AbortSignal): Promise<AiSettings> {
  return client.request<AiSettings>(aiSettingsPaths.settings, { signal });
}

/** The workspace's copilot settings (`settings.manage`: administrators). */
export function useAiSettings() {
  const client = useApiClient();
  return useQuery(queryOptions({ queryKey: aiSettingsKeys.settings, queryFn: ({ signal }) => getAiSettings(client, signal) }));
}

export function useUpdateAiSettings() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AiSettingsBody) => client.request<AiSettings>(aiSettingsPaths.settings, { method: "PUT", json: body }),
    onSuccess: (answer) => queryClient.setQueryData(aiSettingsKeys.settings, answer),
  });
}

/** Calls the saved provider: a tiny chat call, and embeddings / transcription when their models are set. */
export function useTestProvider() {
  const client = useApiClient();
  return useMutation({
    mutationFn: () => client.request<ProviderTestResult>(aiSettingsPaths.test, { method: "POST", json: {} }),
  });
}

/** This month's (or `month`'s, YYYY-MM) usage per feature and engine, against the budget. */
export function useAiUsage(month: string) {
  const client = useApiClient();
  return useQuery(
    queryOptions({
      queryKey: aiSettingsKeys.usage(month),
      queryFn: ({ signal }) => client.request<AiUsage>(aiSettingsPaths.usage, { query: { month }, signal }),
    }),
  );
}
