import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

/** A media file's bytes (the route needs the bearer token, so an <img src> cannot fetch it directly). */
export function getMedia(client: ApiClient, mediaId: string, signal?: AbortSignal): Promise<Blob> {
  return client.blob(apiPaths.mediaFile(mediaId), { signal });
}

export function getMediaQueryOptions(client: ApiClient, mediaId: string) {
  return queryOptions({
    queryKey: queryKeys.media(mediaId),
    queryFn: ({ signal }) => getMedia(client, mediaId, signal),
    // A stored file never changes; keep it while bubbles show it, drop it soon after.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
  });
}

export function useMediaBlob(mediaId: string, { enabled }: { enabled: boolean }) {
  const client = useApiClient();
  return useQuery({ ...getMediaQueryOptions(client, mediaId), enabled });
}

/** Fetches a file (from the cache when it is there) and hands it to the browser as a download. */
export function useDownloadMedia(): (input: { mediaId: string; filename: string }) => Promise<void> {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useCallback(
    async ({ mediaId, filename }) => {
      const blob = await queryClient.fetchQuery(getMediaQueryOptions(client, mediaId));
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = filename;
      anchor.rel = "noopener";
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    },
    [client, queryClient],
  );
}
