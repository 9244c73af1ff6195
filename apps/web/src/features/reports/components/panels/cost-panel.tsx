import { useT } from "../../../../i18n/i18n.tsx";
import { useReport } from "../../api/reports.ts";
import { useReportFormat } from "../../utils/report-format.ts";
import { DataTable, ReportSection } from "../data-table.tsx";
import { StatCard, StatGrid } from "../stat-card.tsx";
import { SeriesBarChart } from "./charts.tsx";
import type { PanelProps } from "./panel-context.ts";
import { PanelState } from "./panel-state.tsx";

export function CostPanel({ filters }: PanelProps) {
  const t = useT();
  const f = useReportFormat();
  const query = useReport("cost", filters);
  return (
    <PanelState query={query} isEmpty={(d) => d.totals.billable === 0 && d.totals.estimatedCost === 0}>
      {(report) => {
        const money = (value: number) => f.money(value, report.currency);
        const label = (row: { bucket: string }) => f.bucket(row.bucket, report.range.granularity);
        const costColumns = [
          { key: "billable", header: t("reports.cost.billable"), numeric: true, cell: (r: { billable: number }) => f.number(r.billable) },
          {
            key: "cost",
            header: t("reports.cost.estimated"),
            numeric: true,
            cell: (r: { estimatedCost: number }) => money(r.estimatedCost),
          },
        ];
        return (
          <div className="space-y-3">
            <StatGrid>
              <StatCard testId="card-billable" label={t("reports.cost.billable")} value={f.number(report.totals.billable)} />
              <StatCard
                testId="card-spend"
                label={t("reports.cost.estimated")}
                value={money(report.totals.estimatedCost)}
                detail={t("reports.cost.currency-note", { currency: report.currency })}
              />
            </StatGrid>
            <ReportSection title={t("reports.cost.series")}>
              <SeriesBarChart
                label={t("reports.cost.series")}
                rows={report.series}
                xLabel={label}
                formatValue={money}
                series={[{ key: "cost", name: t("reports.cost.estimated"), value: (r) => r.estimatedCost }]}
              />
              <DataTable
                caption={t("reports.cost.series")}
                rows={report.series}
                rowKey={(r) => r.start}
                empty={t("reports.empty")}
                columns={[{ key: "bucket", header: t("reports.column.period"), cell: label }, ...costColumns]}
              />
            </ReportSection>
            <ReportSection title={t("reports.cost.by-category")}>
              <SeriesBarChart
                label={t("reports.cost.by-category")}
                rows={report.byCategory}
                xLabel={(r) => r.category}
                formatValue={money}
                series={[{ key: "cost", name: t("reports.cost.estimated"), value: (r) => r.estimatedCost }]}
              />
              <DataTable
                caption={t("reports.cost.by-category")}
                rows={report.byCategory}
                rowKey={(r) => r.category}
                empty={t("reports.empty")}
                columns={[{ key: "category", header: t("reports.column.category"), cell: (r) => r.category }, ...costColumns]}
              />
            </ReportSection>
            <ReportSection title={t("reports.cost.by-country")}>
              <DataTable
                caption={t("reports.cost.by-country")}
                rows={report.byCountry}
                rowKey={(r) => r.country}
                empty={t("reports.empty")}
                columns={[{ key: "country", header: t("reports.column.country"), cell: (r) => r.country }, ...costColumns]}
              />
            </ReportSection>
            <ReportSection title={t("reports.cost.by-campaign")}>
              <DataTable
                caption={t("reports.cost.by-campaign")}
                rows={report.byCampaign}
                rowKey={(r) => r.campaignId}
                empty={t("reports.empty")}
                columns={[{ key: "name", header: t("reports.column.campaign"), cell: (r) => r.name }, ...costColumns]}
              />
            </ReportSection>
          </div>
        );
      }}
    </PanelState>
  );
}
