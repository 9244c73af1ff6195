import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page } from "../../../lib/api-types.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { type AuditEvent, type AuditFilters, auditKeys } from "./types.ts";

const PAGE_SIZE = 50;

export function getAuditEvents(
  client: ApiClient,
  { filters, cursor, signal }: { filters: AuditFilters; cursor: string | null; signal?: AbortSignal },
): Promise<Page<AuditEvent>> {
  return client.request<Page<AuditEvent>>(apiPaths.auditEvents, { query: { ...filters, limit: PAGE_SIZE, cursor }, signal });
}

export function getAuditEventsQueryOptions(client: ApiClient, filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getAuditEvents(client, { filters, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The audit log, newest first, a page at a time. */
export function useAuditEvents(filters: AuditFilters) {
  const client = useApiClient();
  return useInfiniteQuery(getAuditEventsQueryOptions(client, filters));
}
