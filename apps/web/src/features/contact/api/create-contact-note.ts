import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import type { ContactNote } from "./get-contact-notes.ts";

export function createContactNote(client: ApiClient, contactId: string, body: string): Promise<ContactNote> {
  return client.request<ContactNote>(apiPaths.contactNotes(contactId), { method: "POST", json: { body } });
}

/** Adds a note; the list is fetched again so it shows the server's order and author. */
export function useCreateContactNote(contactId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => createContactNote(client, contactId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.contactNotes(contactId) }),
  });
}
