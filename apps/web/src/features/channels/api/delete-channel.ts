import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import type { ChannelDetails } from "./types.ts";

export function deleteChannel(client: ApiClient, channelId: string): Promise<void> {
  return client.request<void>(apiPaths.channel(channelId), { method: "DELETE" });
}

/** Disconnects a number (administrators): it leaves the cached list at once; its conversations are gone too, so they are refetched. */
export function useDeleteChannel(channelId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteChannel(client, channelId),
    onSuccess: () => {
      queryClient.setQueryData<Page<ChannelDetails>>(queryKeys.channels, (page) =>
        page ? { ...page, data: page.data.filter((c) => c.id !== channelId) } : page,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.all });
    },
  });
}
