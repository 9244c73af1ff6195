import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { authKeys, authPaths, type MfaStatus } from "./types.ts";

export function getMfaStatus(client: ApiClient, signal?: AbortSignal): Promise<MfaStatus> {
  return client.request<MfaStatus>(authPaths.mfa, { signal });
}

export function getMfaStatusQueryOptions(client: ApiClient) {
  return queryOptions({ queryKey: authKeys.mfa, queryFn: ({ signal }) => getMfaStatus(client, signal) });
}

export function useMfaStatus() {
  return useQuery(getMfaStatusQueryOptions(useApiClient()));
}
