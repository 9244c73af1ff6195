import { useMutation } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { UploadedMedia } from "../../../lib/api-types.ts";
import { useApiClient } from "../../../lib/services.tsx";

/** Uploads a file to send later by its id (multipart field `file`). */
export function uploadMedia(client: ApiClient, file: File): Promise<UploadedMedia> {
  const form = new FormData();
  form.append("file", file, file.name);
  return client.request<UploadedMedia>(apiPaths.media, { method: "POST", body: form });
}

/** Uploads a file on its own (a template's header image, for instance); the caller sends it by its id. */
export function useUploadMedia() {
  const client = useApiClient();
  return useMutation({ mutationFn: (file: File) => uploadMedia(client, file) });
}
