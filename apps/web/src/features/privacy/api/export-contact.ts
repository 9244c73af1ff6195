import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { privacyPaths } from "./types.ts";

/** The contact's data as a ZIP (it needs the bearer token, so a plain link cannot fetch it). */
export function exportContact(client: ApiClient, contactId: string): Promise<Blob> {
  return client.blob(privacyPaths.exportContact(contactId));
}

export const exportFileName = (contactId: string) => `papo-contact-${contactId}.zip`;

/** Fetches the export and hands it to the browser as a download. */
export function useExportContact(contactId: string) {
  const client = useApiClient();
  return useMutation({
    mutationFn: async () => {
      const blob = await exportContact(client, contactId);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = exportFileName(contactId);
      anchor.rel = "noopener";
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    },
  });
}
