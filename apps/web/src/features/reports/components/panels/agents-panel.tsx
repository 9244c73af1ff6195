import { useState } from "react";
import { useT } from "../../../../i18n/i18n.tsx";
import { useReport, useTeamsReport } from "../../api/reports.ts";
import type { PerformanceFields } from "../../api/types.ts";
import { useReportFormat } from "../../utils/report-format.ts";
import { type Column, DataTable, ReportSection } from "../data-table.tsx";
import { ApproximateNote } from "./approximate-note.tsx";
import { SeriesBarChart } from "./charts.tsx";
import type { PanelProps } from "./panel-context.ts";
import { PanelState } from "./panel-state.tsx";

type SortKey = "name" | "handled" | "resolved" | "messages" | "frt" | "resolution" | "open" | "online" | "csat";
type Row = PerformanceFields & { name: string };

const SORT_VALUE: Record<SortKey, (row: Row) => number | string | null> = {
  name: (r) => r.name,
  handled: (r) => r.conversationsHandled,
  resolved: (r) => r.conversationsResolved,
  messages: (r) => r.messagesSent,
  frt: (r) => r.firstResponse.median,
  resolution: (r) => r.resolution.median,
  open: (r) => r.openNow,
  online: (r) => r.onlineSeconds,
  csat: (r) => r.csatAverage,
};

/** Rows ordered by one column; empty values always last, whichever the direction. */
export function sortRows<R extends Row>(rows: readonly R[], key: SortKey, descending: boolean): R[] {
  const value = SORT_VALUE[key];
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === "string" ? x.localeCompare(String(y)) : x - Number(y);
    return descending ? -order : order;
  });
}

function usePerformanceColumns(): Array<Column<Row> & { key: SortKey }> {
  const t = useT();
  const f = useReportFormat();
  const maybe = (value: number | null, format: (v: number) => string) => (value === null ? "—" : format(value));
  const score = (value: number) => f.number(Math.round(value * 10) / 10);
  return [
    { key: "name", header: t("reports.column.name"), cell: (r) => r.name },
    { key: "handled", header: t("reports.agents.handled"), numeric: true, cell: (r) => f.number(r.conversationsHandled) },
    { key: "resolved", header: t("reports.volume.resolved"), numeric: true, cell: (r) => f.number(r.conversationsResolved) },
    { key: "messages", header: t("reports.agents.messages"), numeric: true, cell: (r) => maybe(r.messagesSent, f.number) },
    { key: "frt", header: t("reports.agents.frt"), numeric: true, cell: (r) => maybe(r.firstResponse.median, f.duration) },
    { key: "resolution", header: t("reports.agents.resolution"), numeric: true, cell: (r) => maybe(r.resolution.median, f.duration) },
    { key: "open", header: t("reports.agents.open-now"), numeric: true, cell: (r) => f.number(r.openNow) },
    { key: "online", header: t("reports.agents.online"), numeric: true, cell: (r) => f.duration(r.onlineSeconds) },
    { key: "csat", header: t("reports.agents.csat"), numeric: true, cell: (r) => maybe(r.csatAverage, score) },
  ];
}

/** A table whose headers sort it; aria-sort tells which column and direction are in force. */
function SortableTable<R extends Row>({ caption, rows, rowKey }: { caption: string; rows: readonly R[]; rowKey: (row: R) => string }) {
  const t = useT();
  const columns = usePerformanceColumns() as Array<Column<R> & { key: SortKey }>;
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "handled", descending: true });
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={sortRows(rows, sort.key, sort.descending)}
      rowKey={rowKey}
      empty={t("reports.empty")}
      headerCell={(column) => {
        const key = column.key as SortKey;
        const active = sort.key === key;
        return (
          <button
            type="button"
            aria-label={t("reports.sort-by", { column: column.header })}
            aria-pressed={active}
            onClick={() => setSort({ key, descending: active ? !sort.descending : key !== "name" })}
            className="inline-flex items-center gap-1 font-medium hover:underline"
          >
            {column.header}
            {active ? <span aria-hidden="true">{sort.descending ? "↓" : "↑"}</span> : null}
          </button>
        );
      }}
    />
  );
}

export function AgentsPanel({ filters, canViewAll }: PanelProps) {
  const t = useT();
  const agents = useReport("agents", filters);
  const teams = useTeamsReport(filters, canViewAll);
  return (
    <div className="space-y-3">
      <PanelState query={agents} isEmpty={(d) => d.agents.length === 0}>
        {(report) => (
          <ReportSection title={canViewAll ? t("reports.agents.title") : t("reports.agents.mine")}>
            {canViewAll ? (
              <SeriesBarChart
                label={t("reports.agents.chart")}
                rows={report.agents}
                xLabel={(r) => r.name}
                series={[
                  { key: "handled", name: t("reports.agents.handled"), value: (r) => r.conversationsHandled },
                  { key: "resolved", name: t("reports.volume.resolved"), value: (r) => r.conversationsResolved },
                ]}
              />
            ) : null}
            <SortableTable caption={t("reports.agents.title")} rows={report.agents} rowKey={(r) => r.userId} />
            <ApproximateNote percentiles={report.percentiles} testId="agents-approximate" />
          </ReportSection>
        )}
      </PanelState>
      {canViewAll ? (
        <PanelState query={teams} isEmpty={(d) => d.teams.length === 0}>
          {(report) => (
            <ReportSection title={t("reports.teams.title")}>
              <SortableTable caption={t("reports.teams.title")} rows={report.teams} rowKey={(r) => r.teamId} />
              <ApproximateNote percentiles={report.percentiles} testId="teams-approximate" />
            </ReportSection>
          )}
        </PanelState>
      ) : null}
    </div>
  );
}
