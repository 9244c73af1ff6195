import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { privacyKeys, privacyPaths, type RetentionPolicy, type RetentionPolicyBody, type RetentionPreview } from "./types.ts";

export function getRetentionPolicy(client: ApiClient, signal?: AbortSignal): Promise<RetentionPolicy> {
  return client.request<RetentionPolicy>(privacyPaths.retention, { signal });
}

export function useRetentionPolicy() {
  const client = useApiClient();
  return useQuery({ queryKey: privacyKeys.retention, queryFn: ({ signal }) => getRetentionPolicy(client, signal) });
}

export function updateRetentionPolicy(client: ApiClient, body: RetentionPolicyBody): Promise<RetentionPolicy> {
  return client.request<RetentionPolicy>(privacyPaths.retention, { method: "PUT", json: body });
}

export function useUpdateRetentionPolicy() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RetentionPolicyBody) => updateRetentionPolicy(client, body),
    onSuccess: (saved) => queryClient.setQueryData(privacyKeys.retention, saved),
  });
}

/** The dry run of a policy (saved or being edited): nothing changes on the server. */
export function getRetentionPreview(client: ApiClient, policy: RetentionPolicyBody, signal?: AbortSignal): Promise<RetentionPreview> {
  return client.request<RetentionPreview>(privacyPaths.retentionPreview, {
    signal,
    query: { messageDays: policy.messageDays ?? "null", mediaDays: policy.mediaDays ?? "null" },
  });
}

export function useRetentionPreview(policy: RetentionPolicyBody | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: privacyKeys.preview(policy ?? { messageDays: null, mediaDays: null }),
    queryFn: ({ signal }) => getRetentionPreview(client, policy ?? { messageDays: null, mediaDays: null }, signal),
    enabled: policy !== null,
    placeholderData: keepPreviousData,
  });
}
