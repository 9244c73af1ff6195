import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { authKeys, authPaths, type WorkspaceSecurity } from "./types.ts";

export function getWorkspaceSecurity(client: ApiClient, signal?: AbortSignal): Promise<WorkspaceSecurity> {
  return client.request<WorkspaceSecurity>(authPaths.workspaceSecurity, { signal });
}

export function getWorkspaceSecurityQueryOptions(client: ApiClient) {
  return queryOptions({ queryKey: authKeys.workspaceSecurity, queryFn: ({ signal }) => getWorkspaceSecurity(client, signal) });
}

/** The workspace's policy (administrators: `settings.manage`). */
export function useWorkspaceSecurity({ enabled }: { enabled: boolean }) {
  return useQuery({ ...getWorkspaceSecurityQueryOptions(useApiClient()), enabled });
}

export function updateWorkspaceSecurity(client: ApiClient, body: WorkspaceSecurity): Promise<WorkspaceSecurity> {
  return client.request<WorkspaceSecurity>(authPaths.workspaceSecurity, { method: "PATCH", json: body });
}

export function useUpdateWorkspaceSecurity() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkspaceSecurity) => updateWorkspaceSecurity(client, body),
    onSuccess: (answer) => {
      queryClient.setQueryData(authKeys.workspaceSecurity, answer);
      void queryClient.invalidateQueries({ queryKey: authKeys.mfa });
    },
  });
}
