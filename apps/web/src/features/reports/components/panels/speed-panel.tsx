import { useT } from "../../../../i18n/i18n.tsx";
import { useReport } from "../../api/reports.ts";
import type { DrillMetric, DurationStat } from "../../api/types.ts";
import { bucketEnd } from "../../utils/range.ts";
import { useReportFormat } from "../../utils/report-format.ts";
import { DataTable, ReportSection } from "../data-table.tsx";
import { StatCard, StatGrid } from "../stat-card.tsx";
import { ApproximateNote } from "./approximate-note.tsx";
import { SeriesLineChart } from "./charts.tsx";
import type { PanelProps } from "./panel-context.ts";
import { PanelState } from "./panel-state.tsx";

type SpeedMetric = "firstResponse" | "reply" | "resolution";
const DRILL: Record<SpeedMetric, DrillMetric> = { firstResponse: "first_response", reply: "reply", resolution: "resolution" };

export function SpeedPanel({ filters, onDrill }: PanelProps) {
  const t = useT();
  const f = useReportFormat();
  const query = useReport("speed", filters);
  const names: Record<SpeedMetric, string> = {
    firstResponse: t("reports.speed.first-response"),
    reply: t("reports.speed.reply"),
    resolution: t("reports.speed.resolution"),
  };
  const maybe = (value: number | null) => (value === null ? "—" : f.duration(value));
  const detail = (stat: DurationStat) =>
    t("reports.speed.detail", { p90: maybe(stat.p90), average: maybe(stat.average), count: f.number(stat.count) });
  return (
    <PanelState query={query} isEmpty={(d) => d.firstResponse.count + d.reply.count + d.resolution.count === 0}>
      {(report) => {
        const label = (row: { bucket: string }) => f.bucket(row.bucket, report.range.granularity);
        const metrics: SpeedMetric[] = ["firstResponse", "reply", "resolution"];
        return (
          <div className="space-y-3">
            <StatGrid>
              {metrics.map((metric) => (
                <StatCard
                  key={metric}
                  testId={`card-${metric}`}
                  label={t("reports.speed.median-of", { name: names[metric] })}
                  value={maybe(report[metric].median)}
                  detail={detail(report[metric])}
                  onOpen={() => onDrill({ metric: DRILL[metric], label: names[metric] })}
                />
              ))}
            </StatGrid>
            <ApproximateNote percentiles={report.percentiles} testId="speed-approximate" />
            {metrics.map((metric) => (
              <ReportSection key={metric} title={names[metric]}>
                <SeriesLineChart
                  label={t("reports.speed.chart", { name: names[metric] })}
                  rows={report.series}
                  xLabel={label}
                  formatValue={f.duration}
                  series={[
                    { key: "median", name: t("reports.stat.median"), value: (r) => r[metric].median },
                    { key: "p90", name: t("reports.stat.p90"), value: (r) => r[metric].p90 },
                  ]}
                  onSelect={(row, index) =>
                    onDrill({
                      metric: DRILL[metric],
                      bucketStart: row.start,
                      bucketEnd: bucketEnd(report.series, index, report.range.end),
                      label: `${names[metric]} · ${label(row)}`,
                    })
                  }
                />
              </ReportSection>
            ))}
            <ReportSection title={t("reports.speed.table")}>
              <DataTable
                caption={t("reports.speed.table")}
                rows={report.series}
                rowKey={(r) => r.start}
                empty={t("reports.empty")}
                columns={[
                  { key: "bucket", header: t("reports.column.period"), cell: label },
                  ...metrics.flatMap((metric) => [
                    {
                      key: `${metric}-median`,
                      header: `${names[metric]} · ${t("reports.stat.median")}`,
                      numeric: true,
                      cell: (r: (typeof report.series)[number]) => maybe(r[metric].median),
                    },
                    {
                      key: `${metric}-p90`,
                      header: `${names[metric]} · ${t("reports.stat.p90")}`,
                      numeric: true,
                      cell: (r: (typeof report.series)[number]) => maybe(r[metric].p90),
                    },
                  ]),
                ]}
              />
            </ReportSection>
          </div>
        );
      }}
    </PanelState>
  );
}
