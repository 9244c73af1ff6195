import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import type { ChannelDetails, UpdateChannelBody } from "./types.ts";

export function updateChannel(client: ApiClient, channelId: string, body: UpdateChannelBody): Promise<ChannelDetails> {
  return client.request<ChannelDetails>(apiPaths.channel(channelId), { method: "PATCH", json: body });
}

/** Renames a number or replaces its credentials (administrators): the answer replaces the cached one, then the list is refetched. */
export function useUpdateChannel(channelId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateChannelBody) => updateChannel(client, channelId, body),
    onSuccess: (updated) => {
      queryClient.setQueryData<Page<ChannelDetails>>(queryKeys.channels, (page) =>
        page ? { ...page, data: page.data.map((c) => (c.id === updated.id ? updated : c)) } : page,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels });
    },
  });
}
