import { useT } from "../../../../i18n/i18n.tsx";
import { useReport } from "../../api/reports.ts";
import { bucketEnd } from "../../utils/range.ts";
import { useReportFormat } from "../../utils/report-format.ts";
import { DataTable, ReportSection } from "../data-table.tsx";
import { StatCard, StatGrid } from "../stat-card.tsx";
import { SeriesBarChart } from "./charts.tsx";
import type { PanelProps } from "./panel-context.ts";
import { PanelState, useNullable } from "./panel-state.tsx";

export function VolumePanel({ filters, onDrill }: PanelProps) {
  const t = useT();
  const f = useReportFormat();
  const nullable = useNullable();
  const query = useReport("volume", filters);
  return (
    <PanelState
      query={query}
      isEmpty={(d) =>
        d.totals.conversationsOpened + d.totals.conversationsResolved + (d.totals.messagesIn ?? 0) + (d.totals.messagesOut ?? 0) === 0
      }
    >
      {(report) => {
        const label = (row: { bucket: string }) => f.bucket(row.bucket, report.range.granularity);
        const drillBucket = (metric: "opened" | "resolved") => (row: { bucket: string }, index: number) =>
          onDrill({
            metric,
            bucketStart: report.series[index]?.start,
            bucketEnd: bucketEnd(report.series, index, report.range.end),
            label: `${metric === "opened" ? t("reports.volume.opened") : t("reports.volume.resolved")} · ${label(row)}`,
          });
        return (
          <div className="space-y-3">
            <StatGrid>
              <StatCard
                testId="card-opened"
                label={t("reports.volume.opened")}
                value={f.number(report.totals.conversationsOpened)}
                onOpen={() => onDrill({ metric: "opened", label: t("reports.volume.opened") })}
              />
              <StatCard
                testId="card-resolved"
                label={t("reports.volume.resolved")}
                value={f.number(report.totals.conversationsResolved)}
                onOpen={() => onDrill({ metric: "resolved", label: t("reports.volume.resolved") })}
              />
              <StatCard label={t("reports.volume.messages-in")} value={nullable(report.totals.messagesIn, f.number)} />
              <StatCard
                testId="card-messages-out"
                label={t("reports.volume.messages-out")}
                value={nullable(report.totals.messagesOut, f.number)}
              />
            </StatGrid>
            <ReportSection title={t("reports.volume.conversations-chart")}>
              <SeriesBarChart
                label={t("reports.volume.conversations-chart")}
                rows={report.series}
                xLabel={label}
                series={[
                  { key: "opened", name: t("reports.volume.opened"), value: (r) => r.conversationsOpened },
                  { key: "resolved", name: t("reports.volume.resolved"), value: (r) => r.conversationsResolved },
                ]}
                onSelect={drillBucket("opened")}
              />
              <DataTable
                caption={t("reports.volume.by-bucket")}
                rows={report.series}
                rowKey={(r) => r.start}
                empty={t("reports.empty")}
                columns={[
                  { key: "bucket", header: t("reports.column.period"), cell: label },
                  {
                    key: "opened",
                    header: t("reports.volume.opened"),
                    numeric: true,
                    cell: (r) => (
                      <button
                        type="button"
                        className="underline decoration-dotted"
                        onClick={() => drillBucket("opened")(r, report.series.indexOf(r))}
                      >
                        {f.number(r.conversationsOpened)}
                      </button>
                    ),
                  },
                  {
                    key: "resolved",
                    header: t("reports.volume.resolved"),
                    numeric: true,
                    cell: (r) => (
                      <button
                        type="button"
                        className="underline decoration-dotted"
                        onClick={() => drillBucket("resolved")(r, report.series.indexOf(r))}
                      >
                        {f.number(r.conversationsResolved)}
                      </button>
                    ),
                  },
                  { key: "in", header: t("reports.volume.messages-in"), numeric: true, cell: (r) => nullable(r.messagesIn, f.number) },
                  { key: "out", header: t("reports.volume.messages-out"), numeric: true, cell: (r) => nullable(r.messagesOut, f.number) },
                ]}
              />
            </ReportSection>
            {report.totals.messagesIn !== null ? (
              <ReportSection title={t("reports.volume.messages-chart")}>
                <SeriesBarChart
                  label={t("reports.volume.messages-chart")}
                  rows={report.series}
                  xLabel={label}
                  series={[
                    { key: "in", name: t("reports.volume.messages-in"), value: (r) => r.messagesIn },
                    { key: "out", name: t("reports.volume.messages-out"), value: (r) => r.messagesOut },
                  ]}
                />
              </ReportSection>
            ) : null}
            {report.messagesByType ? (
              <ReportSection title={t("reports.volume.by-type")}>
                <SeriesBarChart
                  label={t("reports.volume.by-type")}
                  rows={report.messagesByType}
                  xLabel={(r) => r.type}
                  stacked
                  series={[
                    { key: "in", name: t("reports.volume.messages-in"), value: (r) => r.in },
                    { key: "out", name: t("reports.volume.messages-out"), value: (r) => r.out },
                  ]}
                />
                <DataTable
                  caption={t("reports.volume.by-type")}
                  rows={report.messagesByType}
                  rowKey={(r) => r.type}
                  empty={t("reports.empty")}
                  columns={[
                    { key: "type", header: t("reports.column.type"), cell: (r) => r.type },
                    { key: "in", header: t("reports.volume.messages-in"), numeric: true, cell: (r) => f.number(r.in) },
                    { key: "out", header: t("reports.volume.messages-out"), numeric: true, cell: (r) => f.number(r.out) },
                  ]}
                />
              </ReportSection>
            ) : null}
            <ReportSection title={t("reports.volume.by-channel")}>
              <DataTable
                caption={t("reports.volume.by-channel")}
                rows={report.byChannel}
                rowKey={(r) => r.channelId}
                empty={t("reports.empty")}
                columns={[
                  { key: "name", header: t("reports.column.channel"), cell: (r) => r.name },
                  { key: "opened", header: t("reports.volume.opened"), numeric: true, cell: (r) => f.number(r.conversationsOpened) },
                  { key: "resolved", header: t("reports.volume.resolved"), numeric: true, cell: (r) => f.number(r.conversationsResolved) },
                  { key: "in", header: t("reports.volume.messages-in"), numeric: true, cell: (r) => nullable(r.messagesIn, f.number) },
                  { key: "out", header: t("reports.volume.messages-out"), numeric: true, cell: (r) => nullable(r.messagesOut, f.number) },
                ]}
              />
            </ReportSection>
          </div>
        );
      }}
    </PanelState>
  );
}
