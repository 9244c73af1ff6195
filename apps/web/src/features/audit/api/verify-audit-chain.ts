import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { auditKeys, type ChainCheck } from "./types.ts";

export function verifyAuditChain(client: ApiClient, signal?: AbortSignal): Promise<ChainCheck> {
  return client.request<ChainCheck>(apiPaths.auditEventsVerify, { signal });
}

export function getAuditChainQueryOptions(client: ApiClient) {
  // The server walks the whole chain: checked when the page opens and when asked, not on every focus.
  return queryOptions({ queryKey: auditKeys.verify, queryFn: ({ signal }) => verifyAuditChain(client, signal), staleTime: 60_000 });
}

/** Whether the workspace's audit chain is intact, and up to which record. */
export function useAuditChain() {
  const client = useApiClient();
  return useQuery(getAuditChainQueryOptions(client));
}
