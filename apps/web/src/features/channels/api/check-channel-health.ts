import { useMutation } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import type { HealthCheck } from "./types.ts";

export function checkChannelHealth(client: ApiClient, channelId: string): Promise<HealthCheck> {
  return client.request<HealthCheck>(apiPaths.channelHealthCheck(channelId), { method: "POST" });
}

/** Asks Meta, through the server, whether the number answers with its credentials. Nothing is cached: each press asks again. */
export function useCheckChannelHealth(channelId: string) {
  const client = useApiClient();
  return useMutation({ mutationFn: () => checkChannelHealth(client, channelId) });
}
