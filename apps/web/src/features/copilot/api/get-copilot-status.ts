import { useQuery } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { copilotKeys, copilotPaths } from "./copilot-paths.ts";
import type { CopilotCapability, CopilotFeature, CopilotStatus } from "./types.ts";

export function getCopilotStatus(client: ApiClient, signal?: AbortSignal): Promise<CopilotStatus> {
  return client.request<CopilotStatus>(copilotPaths.status, { signal });
}

/** Which copilot features are on and what the engines can do; settings change rarely, so it is read once a minute. */
export function useCopilotStatus() {
  const client = useApiClient();
  return useQuery({ queryKey: copilotKeys.status, queryFn: ({ signal }) => getCopilotStatus(client, signal), staleTime: 60_000 });
}

/**
 * Whether a feature may be offered: switched on and backed by an engine. Unknown (status still loading or failed)
 * counts as available, so the server's own answer (409/422) explains instead of a silently missing button.
 */
export function isAvailable(status: CopilotStatus | undefined, feature: CopilotFeature, capability?: CopilotCapability): boolean {
  if (!status) return true;
  if (status.features[feature] === false) return false;
  return capability ? status.capabilities.includes(capability) : true;
}
