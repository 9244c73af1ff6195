import { useT } from "../../../../i18n/i18n.tsx";
import { useReport } from "../../api/reports.ts";
import type { SentimentLabel } from "../../api/types.ts";
import { useReportFormat } from "../../utils/report-format.ts";
import { DataTable, ReportSection } from "../data-table.tsx";
import { StatCard, StatGrid } from "../stat-card.tsx";
import { SeriesBarChart, SeriesLineChart, ShareDonut } from "./charts.tsx";
import type { PanelProps } from "./panel-context.ts";
import { PanelState } from "./panel-state.tsx";

const SENTIMENT_COLORS: Record<SentimentLabel, string> = { negative: "#dc2626", neutral: "#64748b", positive: "#16a34a" };

export function QualityPanel({ filters, onDrill }: PanelProps) {
  const t = useT();
  const f = useReportFormat();
  const query = useReport("quality", filters);
  const sentimentName: Record<SentimentLabel, string> = {
    negative: t("reports.quality.negative"),
    neutral: t("reports.quality.neutral"),
    positive: t("reports.quality.positive"),
  };
  const score = (value: number | null) => (value === null ? "—" : f.number(Math.round(value * 100) / 100));
  return (
    <PanelState
      query={query}
      isEmpty={(d) => d.csat.responses === 0 && d.negativeUnanswered === 0 && d.sentiment.distribution.every((s) => s.conversations === 0)}
    >
      {(report) => {
        const label = (row: { bucket: string }) => f.bucket(row.bucket, report.range.granularity);
        return (
          <div className="space-y-3">
            <StatGrid>
              <StatCard
                testId="card-negative-unanswered"
                label={t("reports.quality.negative-unanswered")}
                value={f.number(report.negativeUnanswered)}
                onOpen={() => onDrill({ metric: "negative_unanswered", label: t("reports.quality.negative-unanswered") })}
              />
              <StatCard label={t("reports.quality.csat-average")} value={score(report.csat.average)} />
              <StatCard
                label={t("reports.quality.csat-satisfied")}
                value={report.csat.satisfiedRate === null ? "—" : f.percent(report.csat.satisfiedRate)}
              />
              <StatCard label={t("reports.quality.csat-responses")} value={f.number(report.csat.responses)} />
            </StatGrid>
            <ReportSection title={t("reports.quality.sentiment")}>
              <ShareDonut
                label={t("reports.quality.sentiment")}
                slices={report.sentiment.distribution.map((s) => ({
                  name: sentimentName[s.label],
                  value: s.conversations,
                  color: SENTIMENT_COLORS[s.label],
                }))}
                formatValue={f.number}
              />
              <DataTable
                caption={t("reports.quality.sentiment")}
                rows={report.sentiment.distribution}
                rowKey={(r) => r.label}
                empty={t("reports.empty")}
                columns={[
                  { key: "label", header: t("reports.quality.sentiment"), cell: (r) => sentimentName[r.label] },
                  { key: "count", header: t("reports.quality.conversations"), numeric: true, cell: (r) => f.number(r.conversations) },
                ]}
              />
            </ReportSection>
            <ReportSection title={t("reports.quality.trend")}>
              {report.sentiment.trend ? (
                <>
                  <SeriesLineChart
                    label={t("reports.quality.trend")}
                    rows={report.sentiment.trend}
                    xLabel={label}
                    series={[{ key: "average", name: t("reports.quality.average-score"), value: (r) => r.averageScore }]}
                  />
                  <DataTable
                    caption={t("reports.quality.trend")}
                    rows={report.sentiment.trend}
                    rowKey={(r) => r.start}
                    empty={t("reports.empty")}
                    columns={[
                      { key: "bucket", header: t("reports.column.period"), cell: label },
                      { key: "average", header: t("reports.quality.average-score"), numeric: true, cell: (r) => score(r.averageScore) },
                      { key: "negative", header: t("reports.quality.negative"), numeric: true, cell: (r) => f.number(r.negative) },
                      { key: "neutral", header: t("reports.quality.neutral"), numeric: true, cell: (r) => f.number(r.neutral) },
                      { key: "positive", header: t("reports.quality.positive"), numeric: true, cell: (r) => f.number(r.positive) },
                    ]}
                  />
                </>
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-400">{t("reports.tag-hides-messages")}</p>
              )}
            </ReportSection>
            <ReportSection title={t("reports.quality.csat")}>
              <SeriesBarChart
                label={t("reports.quality.csat")}
                rows={report.csat.distribution}
                xLabel={(r) => String(r.score)}
                series={[{ key: "count", name: t("reports.quality.csat-responses"), value: (r) => r.count }]}
              />
              <DataTable
                caption={t("reports.quality.csat")}
                rows={report.csat.distribution}
                rowKey={(r) => String(r.score)}
                empty={t("reports.empty")}
                columns={[
                  { key: "score", header: t("reports.quality.score"), cell: (r) => f.number(r.score) },
                  { key: "count", header: t("reports.quality.csat-responses"), numeric: true, cell: (r) => f.number(r.count) },
                ]}
              />
            </ReportSection>
          </div>
        );
      }}
    </PanelState>
  );
}
