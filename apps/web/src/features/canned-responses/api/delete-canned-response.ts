import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { applyToCachedList } from "./cache.ts";

export function deleteCannedResponse(client: ApiClient, id: string): Promise<void> {
  return client.request<void>(apiPaths.cannedResponse(id), { method: "DELETE" });
}

export function useDeleteCannedResponse(id: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteCannedResponse(client, id),
    onSuccess: () => applyToCachedList(queryClient, { deletedId: id }),
  });
}
