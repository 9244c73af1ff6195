import { useQuery } from "@tanstack/react-query";
import { useApiClient } from "../lib/services.tsx";

/** `GET /api/v1/workspace/settings`: any signed-in user may read it. */
export interface WorkspaceSettings {
  name: string;
  /** IANA zone (`America/Sao_Paulo`): scheduled messages and reports read times in it. */
  timeZone: string;
}

export const workspaceSettingsPath = "/api/v1/workspace/settings";
export const workspaceSettingsKey = ["workspace-settings"] as const;

/** The workspace's name and time zone (the scheduling dialog, campaigns, the admin page). */
export function useWorkspaceSettings() {
  const client = useApiClient();
  return useQuery({
    queryKey: workspaceSettingsKey,
    queryFn: ({ signal }) => client.request<WorkspaceSettings>(workspaceSettingsPath, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Where the workspace's zone is not known yet (or the call failed), times are read in the browser's. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
