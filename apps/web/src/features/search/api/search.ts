import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Contact } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

/** A message found by the server's search: where it is, who wrote it, and an excerpt with the matched words. */
export interface MessageHit {
  id: string;
  conversationId: string;
  contactId: string;
  channelId: string;
  contactName: string | null;
  direction: "inbound" | "outbound";
  type: string;
  createdAt: string;
  snippet: { text: string; highlights: Array<{ start: number; end: number }> };
}

type Section<T> = { data: T[]; nextCursor: string | null } | null;
export interface SearchResult {
  messages: Section<MessageHit>;
  contacts: Section<Contact>;
}

export type SearchType = "messages" | "contacts" | "all";

const PAGE_SIZE = 20;

export function search(
  client: ApiClient,
  { q, type, signal }: { q: string; type: SearchType; signal?: AbortSignal },
): Promise<SearchResult> {
  return client.request<SearchResult>(apiPaths.search, { query: { q, type, limit: PAGE_SIZE }, signal });
}

export function searchQueryOptions(client: ApiClient, params: { q: string; type: SearchType }) {
  return queryOptions({
    queryKey: queryKeys.search(params),
    queryFn: ({ signal }) => search(client, { ...params, signal }),
    // The previous answer stays on screen while the next query word is looked up.
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** The server's search (blind indexes: the words never reach the database in clear); off for an empty query. */
export function useSearch({ q, type }: { q: string; type: SearchType }) {
  const client = useApiClient();
  return useQuery({ ...searchQueryOptions(client, { q, type }), enabled: q.length > 0 });
}
