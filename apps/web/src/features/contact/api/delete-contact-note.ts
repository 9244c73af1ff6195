import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

export function deleteContactNote(client: ApiClient, contactId: string, noteId: string): Promise<void> {
  return client.request<void>(apiPaths.contactNote(contactId, noteId), { method: "DELETE" });
}

/** Deletes a note (the author's own, or any for an administrator or supervisor). */
export function useDeleteContactNote(contactId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (noteId: string) => deleteContactNote(client, contactId, noteId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.contactNotes(contactId) }),
  });
}
