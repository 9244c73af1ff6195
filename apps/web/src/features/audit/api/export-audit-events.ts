import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { type AuditFilters, auditKeys, type ExportFormat } from "./types.ts";

/** The export's file (it needs the bearer token, so a plain link cannot fetch it). */
export function exportAuditEvents(client: ApiClient, { filters, format }: { filters: AuditFilters; format: ExportFormat }): Promise<Blob> {
  return client.blob(apiPaths.auditEventsExport, { query: { ...filters, format } });
}

export const exportFileName = (format: ExportFormat, now = new Date()) => `papo-audit-${now.toISOString().slice(0, 10)}.${format}`;

/** Fetches the export and hands it to the browser as a download; the export is itself recorded, so the list refreshes. */
export function useExportAuditEvents() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { filters: AuditFilters; format: ExportFormat }) => {
      const blob = await exportAuditEvents(client, input);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = exportFileName(input.format);
      anchor.rel = "noopener";
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
