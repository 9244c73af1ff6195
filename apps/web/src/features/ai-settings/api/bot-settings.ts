import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApiClient } from "../../../lib/services.tsx";
import { aiSettingsKeys, aiSettingsPaths, type BotSettings, type ChannelSummary } from "./types.ts";

/** The workspace's WhatsApp numbers, to pick whose bot to set up. */
export function useBotChannels() {
  const client = useApiClient();
  return useQuery(
    queryOptions({
      queryKey: aiSettingsKeys.channels,
      queryFn: ({ signal }) => client.request<{ data: ChannelSummary[] }>(aiSettingsPaths.channels, { signal }),
    }),
  );
}

export function useBotSettings(channelId: string) {
  const client = useApiClient();
  return useQuery(
    queryOptions({
      queryKey: aiSettingsKeys.bot(channelId),
      queryFn: ({ signal }) => client.request<BotSettings>(aiSettingsPaths.bot(channelId), { signal }),
    }),
  );
}

export function useUpdateBotSettings(channelId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BotSettings) => client.request<BotSettings>(aiSettingsPaths.bot(channelId), { method: "PUT", json: body }),
    onSuccess: (answer) => queryClient.setQueryData(aiSettingsKeys.bot(channelId), answer),
  });
}
