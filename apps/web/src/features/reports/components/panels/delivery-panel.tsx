import { useT } from "../../../../i18n/i18n.tsx";
import { useReport } from "../../api/reports.ts";
import type { DeliveryCounts } from "../../api/types.ts";
import { useReportFormat } from "../../utils/report-format.ts";
import { type Column, DataTable, ReportSection } from "../data-table.tsx";
import { StatCard, StatGrid } from "../stat-card.tsx";
import { SeriesBarChart } from "./charts.tsx";
import type { PanelProps } from "./panel-context.ts";
import { PanelState } from "./panel-state.tsx";

function useCountColumns<Row extends DeliveryCounts>(): Array<Column<Row>> {
  const t = useT();
  const f = useReportFormat();
  return [
    { key: "sent", header: t("reports.delivery.sent"), numeric: true, cell: (r) => f.number(r.sent) },
    { key: "delivered", header: t("reports.delivery.delivered"), numeric: true, cell: (r) => f.number(r.delivered) },
    { key: "read", header: t("reports.delivery.read"), numeric: true, cell: (r) => f.number(r.read) },
    { key: "failed", header: t("reports.delivery.failed"), numeric: true, cell: (r) => f.number(r.failed) },
  ];
}

export function DeliveryPanel({ filters }: PanelProps) {
  const t = useT();
  const f = useReportFormat();
  const query = useReport("delivery", filters);
  const counts = useCountColumns();
  const rate = (value: number | null) => (value === null ? "—" : f.percent(value));
  return (
    <PanelState query={query} isEmpty={(d) => d.totals.sent + d.totals.failed === 0}>
      {(report) => {
        const label = (row: { bucket: string }) => f.bucket(row.bucket, report.range.granularity);
        return (
          <div className="space-y-3">
            <StatGrid>
              <StatCard testId="card-sent" label={t("reports.delivery.sent")} value={f.number(report.totals.sent)} />
              <StatCard label={t("reports.delivery.delivered-rate")} value={rate(report.totals.deliveredRate)} />
              <StatCard label={t("reports.delivery.read-rate")} value={rate(report.totals.readRate)} />
              <StatCard label={t("reports.delivery.failed-rate")} value={rate(report.totals.failedRate)} />
            </StatGrid>
            <ReportSection title={t("reports.delivery.series")}>
              <SeriesBarChart
                label={t("reports.delivery.series")}
                rows={report.series}
                xLabel={label}
                series={[
                  { key: "sent", name: t("reports.delivery.sent"), value: (r) => r.sent },
                  { key: "delivered", name: t("reports.delivery.delivered"), value: (r) => r.delivered },
                  { key: "read", name: t("reports.delivery.read"), value: (r) => r.read },
                  { key: "failed", name: t("reports.delivery.failed"), value: (r) => r.failed },
                ]}
              />
              <DataTable
                caption={t("reports.delivery.series")}
                rows={report.series}
                rowKey={(r) => r.start}
                empty={t("reports.empty")}
                columns={[{ key: "bucket", header: t("reports.column.period"), cell: label }, ...counts]}
              />
            </ReportSection>
            <ReportSection title={t("reports.delivery.failures")}>
              <DataTable
                caption={t("reports.delivery.failures")}
                rows={report.failuresByCode}
                rowKey={(r) => r.code}
                empty={t("reports.delivery.no-failures")}
                columns={[
                  { key: "code", header: t("reports.delivery.meta-code"), cell: (r) => <code>{r.code}</code> },
                  { key: "count", header: t("reports.delivery.failed"), numeric: true, cell: (r) => f.number(r.count) },
                ]}
              />
            </ReportSection>
            <ReportSection title={t("reports.volume.by-channel")}>
              <DataTable
                caption={t("reports.delivery.by-channel")}
                rows={report.byChannel}
                rowKey={(r) => r.channelId}
                empty={t("reports.empty")}
                columns={[{ key: "name", header: t("reports.column.channel"), cell: (r) => r.name }, ...counts]}
              />
            </ReportSection>
            <ReportSection title={t("reports.delivery.by-template")}>
              <DataTable
                caption={t("reports.delivery.by-template")}
                rows={report.byTemplate}
                rowKey={(r) => r.template}
                empty={t("reports.empty")}
                columns={[{ key: "template", header: t("reports.column.template"), cell: (r) => r.template }, ...counts]}
              />
            </ReportSection>
            <ReportSection title={t("reports.delivery.campaigns")}>
              <DataTable
                caption={t("reports.delivery.campaigns")}
                rows={report.campaigns}
                rowKey={(r) => r.campaignId}
                empty={t("reports.empty")}
                columns={[
                  { key: "name", header: t("reports.column.campaign"), cell: (r) => r.name },
                  { key: "status", header: t("reports.column.status"), cell: (r) => r.status },
                  ...counts,
                ]}
              />
            </ReportSection>
          </div>
        );
      }}
    </PanelState>
  );
}
