import { type InfiniteData, type QueryClient, type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Contact, Conversation, Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

/** `PATCH /api/v1/contacts/:id`: tags and attributes replace the stored ones as a whole. */
export interface UpdateContactBody {
  name?: string | null;
  tags?: string[];
  attributes?: Record<string, unknown>;
}

export function updateContact(client: ApiClient, contactId: string, body: UpdateContactBody): Promise<Contact> {
  return client.request<Contact>(apiPaths.contact(contactId), { method: "PATCH", json: body });
}

type ConversationPages = InfiniteData<Page<Conversation>>;

/** Puts `change` into every cached conversation that embeds the contact: the open one and the inbox lists. */
function patchCachedContact(queryClient: QueryClient, contactId: string, change: (contact: Contact) => Contact): void {
  const patch = (conversation: Conversation): Conversation =>
    conversation.contact?.id === contactId ? { ...conversation, contact: change(conversation.contact) } : conversation;
  queryClient.setQueriesData<Conversation>({ queryKey: queryKeys.conversations.details }, (data) => (data ? patch(data) : data));
  queryClient.setQueriesData<ConversationPages>({ queryKey: queryKeys.conversations.lists }, (data) =>
    data?.pages ? { ...data, pages: data.pages.map((page) => ({ ...page, data: page.data.map(patch) })) } : data,
  );
}

/**
 * Saves the contact's name, tags or attributes. The change shows at once in every cached conversation (list, header,
 * panel); a refusal puts the previous values back, and the server's answer replaces the guess either way.
 */
export function useUpdateContact(contactId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateContactBody) => updateContact(client, contactId, body),
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.conversations.all });
      const previous = queryClient.getQueriesData<unknown>({ queryKey: queryKeys.conversations.all });
      patchCachedContact(queryClient, contactId, (contact) => ({ ...contact, ...body }));
      return { previous };
    },
    onError: (_error, _body, context) => {
      for (const [key, data] of context?.previous ?? ([] as Array<[QueryKey, unknown]>)) queryClient.setQueryData(key, data);
    },
    onSuccess: (contact) => {
      patchCachedContact(queryClient, contactId, () => contact);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.lists });
    },
  });
}
