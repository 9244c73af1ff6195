import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type WorkspaceSettings, workspaceSettingsKey, workspaceSettingsPath } from "../../../hooks/use-workspace-settings.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";

export function updateWorkspaceSettings(client: ApiClient, body: Partial<WorkspaceSettings>): Promise<WorkspaceSettings> {
  return client.request<WorkspaceSettings>(workspaceSettingsPath, { method: "PATCH", json: body });
}

/** Renames the workspace or moves it to another time zone (`settings.manage`: administrators). */
export function useUpdateWorkspaceSettings() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<WorkspaceSettings>) => updateWorkspaceSettings(client, body),
    onSuccess: (answer) => queryClient.setQueryData(workspaceSettingsKey, answer),
  });
}
