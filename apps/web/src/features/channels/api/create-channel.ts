import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import type { ChannelDetails, CreateChannelBody } from "./types.ts";

export function createChannel(client: ApiClient, body: CreateChannelBody): Promise<ChannelDetails> {
  return client.request<ChannelDetails>(apiPaths.channels, { method: "POST", json: body });
}

/** Connects a number (administrators): it joins the cached list at once (so it can be shown), then the list is refetched. */
export function useCreateChannel() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChannelBody) => createChannel(client, body),
    onSuccess: (created) => {
      queryClient.setQueryData<Page<ChannelDetails>>(queryKeys.channels, (page) =>
        page ? { ...page, data: [...page.data.filter((c) => c.id !== created.id), created] } : page,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels });
    },
  });
}
