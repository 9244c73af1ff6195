import { useT } from "../../../../i18n/i18n.tsx";
import { useReport } from "../../api/reports.ts";
import type { HandoffReason } from "../../api/types.ts";
import { bucketEnd } from "../../utils/range.ts";
import { useReportFormat } from "../../utils/report-format.ts";
import { DataTable, ReportSection } from "../data-table.tsx";
import { StatCard, StatGrid } from "../stat-card.tsx";
import { SeriesBarChart } from "./charts.tsx";
import type { PanelProps } from "./panel-context.ts";
import { PanelState } from "./panel-state.tsx";

export function useHandoffReasonLabel(): (reason: HandoffReason) => string {
  const t = useT();
  const labels: Record<HandoffReason, string> = {
    customer_request: t("reports.bot.reason.customer_request"),
    negative_sentiment: t("reports.bot.reason.negative_sentiment"),
    unsure: t("reports.bot.reason.unsure"),
    human_only_topic: t("reports.bot.reason.human_only_topic"),
    outside_business_hours: t("reports.bot.reason.outside_business_hours"),
    agent_request: t("reports.bot.reason.agent_request"),
    bot_unavailable: t("reports.bot.reason.bot_unavailable"),
  };
  return (reason) => labels[reason] ?? reason;
}

export function BotPanel({ filters, onDrill }: PanelProps) {
  const t = useT();
  const f = useReportFormat();
  const reasonLabel = useHandoffReasonLabel();
  const query = useReport("bot", filters);
  const maybe = (value: number | null) => (value === null ? "—" : f.duration(value));
  return (
    <PanelState query={query} isEmpty={(d) => d.conversationsHandled === 0}>
      {(report) => {
        const label = (row: { bucket: string }) => f.bucket(row.bucket, report.range.granularity);
        const openReason = (reason: HandoffReason) =>
          onDrill({ metric: "handed_off", handoffReason: reason, label: `${t("reports.bot.handed-off")} · ${reasonLabel(reason)}` });
        return (
          <div className="space-y-3">
            <StatGrid>
              <StatCard
                testId="card-containment"
                label={t("reports.bot.containment")}
                value={report.containmentRate === null ? "—" : f.percent(report.containmentRate)}
                onOpen={() => onDrill({ metric: "contained", label: t("reports.bot.contained") })}
              />
              <StatCard
                label={t("reports.bot.handled")}
                value={f.number(report.conversationsHandled)}
                onOpen={() => onDrill({ metric: "bot_handled", label: t("reports.bot.handled") })}
              />
              <StatCard
                label={t("reports.bot.contained")}
                value={f.number(report.contained)}
                onOpen={() => onDrill({ metric: "contained", label: t("reports.bot.contained") })}
              />
              <StatCard
                label={t("reports.bot.handed-off")}
                value={f.number(report.handedOff)}
                onOpen={() => onDrill({ metric: "handed_off", label: t("reports.bot.handed-off") })}
              />
              <StatCard
                label={t("reports.bot.time-to-handoff")}
                value={maybe(report.timeToHandoff.median)}
                detail={t("reports.speed.detail", {
                  p90: maybe(report.timeToHandoff.p90),
                  average: maybe(report.timeToHandoff.average),
                  count: f.number(report.timeToHandoff.count),
                })}
              />
            </StatGrid>
            <ReportSection title={t("reports.bot.series")}>
              <SeriesBarChart
                label={t("reports.bot.series")}
                rows={report.series}
                xLabel={label}
                series={[
                  { key: "contained", name: t("reports.bot.contained"), value: (r) => r.contained },
                  { key: "handedOff", name: t("reports.bot.handed-off"), value: (r) => r.handedOff },
                ]}
                stacked
                onSelect={(row, index) =>
                  onDrill({
                    metric: "bot_handled",
                    bucketStart: row.start,
                    bucketEnd: bucketEnd(report.series, index, report.range.end),
                    label: `${t("reports.bot.handled")} · ${label(row)}`,
                  })
                }
              />
              <DataTable
                caption={t("reports.bot.series")}
                rows={report.series}
                rowKey={(r) => r.start}
                empty={t("reports.empty")}
                columns={[
                  { key: "bucket", header: t("reports.column.period"), cell: label },
                  { key: "handled", header: t("reports.bot.handled"), numeric: true, cell: (r) => f.number(r.handled) },
                  { key: "contained", header: t("reports.bot.contained"), numeric: true, cell: (r) => f.number(r.contained) },
                  { key: "handedOff", header: t("reports.bot.handed-off"), numeric: true, cell: (r) => f.number(r.handedOff) },
                ]}
              />
            </ReportSection>
            <ReportSection title={t("reports.bot.by-reason")}>
              <SeriesBarChart
                label={t("reports.bot.by-reason")}
                rows={report.handoffsByReason}
                xLabel={(r) => reasonLabel(r.reason)}
                series={[{ key: "count", name: t("reports.bot.handed-off"), value: (r) => r.count }]}
                onSelect={(row) => openReason(row.reason)}
              />
              <DataTable
                caption={t("reports.bot.by-reason")}
                rows={report.handoffsByReason}
                rowKey={(r) => r.reason}
                empty={t("reports.empty")}
                columns={[
                  { key: "reason", header: t("reports.column.reason"), cell: (r) => reasonLabel(r.reason) },
                  {
                    key: "count",
                    header: t("reports.bot.handed-off"),
                    numeric: true,
                    cell: (r) => (
                      <button type="button" className="underline decoration-dotted" onClick={() => openReason(r.reason)}>
                        {f.number(r.count)}
                      </button>
                    ),
                  },
                ]}
              />
            </ReportSection>
          </div>
        );
      }}
    </PanelState>
  );
}
