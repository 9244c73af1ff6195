import { useQuery } from "@tanstack/react-query";
import { useApiClient } from "../../../lib/services.tsx";
import { channelBotKey, channelBotPath } from "./copilot-paths.ts";

/** `GET /api/v1/channels/:id/bot`, reduced to what the conversation needs: whether the bot answers first. */
export function useChannelBotMode(channelId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: channelBotKey(channelId),
    queryFn: ({ signal }) => client.request<{ mode: "off" | "bot_first" }>(channelBotPath(channelId), { signal }),
    select: (settings) => settings.mode,
    staleTime: 60_000,
  });
}
