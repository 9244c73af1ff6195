import { useQuery } from "@tanstack/react-query";
import { useApiClient } from "../lib/services.tsx";

export const weekDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type WeekDay = (typeof weekDays)[number];
/** `"HH:MM"` ranges per week day, read in `timezone` (the bot's business hours have the same shape). */
export interface WorkspaceBusinessHours {
  timezone: string;
  days: Record<WeekDay, Array<{ start: string; end: string }>>;
}

/** `GET /api/v1/workspace/settings`: any signed-in user may read it. */
export interface WorkspaceSettings {
  name: string;
  /** IANA zone (`America/Sao_Paulo`): scheduled messages and reports read times in it. */
  /** When the team works: the reports' "business hours only" timings count inside them. Null = not set. */
  businessHours?: WorkspaceBusinessHours | null;
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
