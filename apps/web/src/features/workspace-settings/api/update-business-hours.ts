import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  type WorkspaceBusinessHours,
  type WorkspaceSettings,
  workspaceSettingsKey,
  workspaceSettingsPath,
} from "../../../hooks/use-workspace-settings.ts";
import { useApiClient } from "../../../lib/services.tsx";

/** Sets or clears the workspace's business hours (`settings.manage`: administrators). */
export function useUpdateBusinessHours() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (businessHours: WorkspaceBusinessHours | null) =>
      client.request<WorkspaceSettings>(workspaceSettingsPath, { method: "PATCH", json: { businessHours } }),
    onSuccess: (answer) => queryClient.setQueryData(workspaceSettingsKey, answer),
  });
}
