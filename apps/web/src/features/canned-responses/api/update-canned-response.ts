import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { CannedResponse } from "../../../lib/api-types.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { applyToCachedList } from "./cache.ts";
import type { CannedResponseBody } from "./create-canned-response.ts";

export function updateCannedResponse(client: ApiClient, id: string, body: Partial<CannedResponseBody>): Promise<CannedResponse> {
  return client.request<CannedResponse>(apiPaths.cannedResponse(id), { method: "PATCH", json: body });
}

export function useUpdateCannedResponse(id: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CannedResponseBody>) => updateCannedResponse(client, id, body),
    onSuccess: (saved) => applyToCachedList(queryClient, { saved }),
  });
}
