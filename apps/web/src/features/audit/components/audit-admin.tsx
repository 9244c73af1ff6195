import { useMemo, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useExportAuditEvents } from "../api/export-audit-events.ts";
import { useAuditEvents } from "../api/get-audit-events.ts";
import { usePeople } from "../api/get-people.ts";
import type { AuditFilters, ExportFormat } from "../api/types.ts";
import { AuditEventList } from "./audit-event-list.tsx";
import { AuditFiltersForm } from "./audit-filters-form.tsx";
import { ChainStatus } from "./chain-status.tsx";

/**
 * The audit log (permission audit.view): whether its hash chain is intact, the records filtered by action, person,
 * target and time, and exports of what the filters select as CSV or JSON.
 */
export function AuditAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const [filters, setFilters] = useState<AuditFilters>({});
  const events = useAuditEvents(filters);
  const people = usePeople();
  const exporting = useExportAuditEvents();
  const names = useMemo(() => new Map((people.data?.data ?? []).map((p) => [p.id, p.name])), [people.data]);
  const rows = events.data?.pages.flatMap((page) => page.data) ?? [];
  const exportAs = (format: ExportFormat) => exporting.mutate({ filters, format });

  return (
    <div className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-2xl space-y-1">
          <h2 className="text-xl font-semibold">{t("audit.title")}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("audit.intro")}</p>
        </div>
        <div className="space-y-1">
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => exportAs("csv")} disabled={exporting.isPending}>
              <Icon name="download" className="size-4" />
              {t("audit.export.csv")}
            </Button>
            <Button onClick={() => exportAs("json")} disabled={exporting.isPending}>
              <Icon name="download" className="size-4" />
              {t("audit.export.json")}
            </Button>
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t("audit.export.hint")}</p>
          {exporting.isError ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {t("audit.export.error", { reason: errorText(exporting.error) })}
            </p>
          ) : null}
        </div>
      </header>
      <ChainStatus />
      <AuditFiltersForm people={people.data?.data ?? []} onApply={setFilters} />
      {events.isPending ? (
        <p className="text-sm">{t("audit.loading")}</p>
      ) : events.isError ? (
        <div role="alert" className="space-y-2 text-sm">
          <p>{t("audit.error", { reason: errorText(events.error) })}</p>
          <Button size="sm" onClick={() => void events.refetch()}>
            {t("common.retry")}
          </Button>
        </div>
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("audit.empty")}</p>
      ) : (
        <div className="space-y-3">
          <AuditEventList events={rows} names={names} />
          {events.hasNextPage ? (
            <Button onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
              {events.isFetchingNextPage ? t("audit.loading-more") : t("audit.more")}
            </Button>
          ) : null}
        </div>
      )}
    </div>
  );
}
