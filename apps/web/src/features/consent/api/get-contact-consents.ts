import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { type ContactConsents, consentKeys, consentPaths } from "./types.ts";

export function getContactConsents(client: ApiClient, contactId: string, signal?: AbortSignal): Promise<ContactConsents> {
  return client.request<ContactConsents>(consentPaths.contactConsents(contactId), { signal });
}

export function getContactConsentsQueryOptions(client: ApiClient, contactId: string) {
  return queryOptions({
    queryKey: consentKeys.contact(contactId),
    queryFn: ({ signal }) => getContactConsents(client, contactId, signal),
  });
}

/** The contact's consent per purpose and its history, newest first. */
export function useContactConsents(contactId: string) {
  return useQuery(getContactConsentsQueryOptions(useApiClient(), contactId));
}
