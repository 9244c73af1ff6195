import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

/** An agent's internal note on a contact (`GET /api/v1/contacts/:id/notes`). */
export interface ContactNote {
  id: string;
  body: string;
  /** Null once the author's user is deleted. */
  author: { id: string; name: string } | null;
  createdAt: string;
}

const PAGE_SIZE = 20;

export function getContactNotes(
  client: ApiClient,
  { contactId, cursor, signal }: { contactId: string; cursor: string | null; signal?: AbortSignal },
): Promise<Page<ContactNote>> {
  return client.request<Page<ContactNote>>(apiPaths.contactNotes(contactId), { query: { limit: PAGE_SIZE, cursor }, signal });
}

export function getContactNotesQueryOptions(client: ApiClient, contactId: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.contactNotes(contactId),
    queryFn: ({ pageParam, signal }) => getContactNotes(client, { contactId, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The contact's notes, newest first, a page at a time. */
export function useContactNotes(contactId: string) {
  const client = useApiClient();
  return useInfiniteQuery(getContactNotesQueryOptions(client, contactId));
}
