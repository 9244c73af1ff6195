import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { CannedResponse } from "../../../lib/api-types.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { applyToCachedList } from "./cache.ts";

/** `POST /api/v1/canned-responses` (administrators and supervisors). */
export interface CannedResponseBody {
  shortcut: string;
  title: string;
  body: string;
}

export function createCannedResponse(client: ApiClient, body: CannedResponseBody): Promise<CannedResponse> {
  return client.request<CannedResponse>(apiPaths.cannedResponses, { method: "POST", json: body });
}

export function useCreateCannedResponse() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CannedResponseBody) => createCannedResponse(client, body),
    onSuccess: (saved) => applyToCachedList(queryClient, { saved }),
  });
}
