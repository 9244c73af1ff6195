import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { type ContactConsents, consentKeys, consentPaths, type RecordConsentBody } from "./types.ts";

export function recordConsent(client: ApiClient, contactId: string, body: RecordConsentBody): Promise<ContactConsents> {
  return client.request<ContactConsents>(consentPaths.contactConsents(contactId), { method: "POST", json: body });
}

/** Grants or withdraws one purpose; the answer (current and history) replaces the cached one. */
export function useRecordConsent(contactId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordConsentBody) => recordConsent(client, contactId, body),
    onSuccess: (answer) => queryClient.setQueryData(consentKeys.contact(contactId), answer),
  });
}
