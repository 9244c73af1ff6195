import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { type ErasureReport, privacyPaths } from "./types.ts";

export function eraseContact(client: ApiClient, contactId: string, confirm: string): Promise<ErasureReport> {
  return client.request<ErasureReport>(privacyPaths.eraseContact(contactId), { method: "POST", json: { confirm } });
}

/** Erases the contact; every cached conversation, message and contact is stale afterwards, so all are refetched. */
export function useEraseContact(contactId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) => eraseContact(client, contactId, confirm),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
