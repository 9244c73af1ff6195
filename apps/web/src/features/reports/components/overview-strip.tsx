import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useOverview } from "../api/reports.ts";
import type { DrillTarget } from "../api/types.ts";
import { useReportFormat } from "../utils/report-format.ts";
import { StatCard } from "./stat-card.tsx";

/** Right now, whatever the date range: what a supervisor glances at during the day (refreshed every 15 s). */
export function OverviewStrip({ onDrill }: { onDrill: (target: DrillTarget) => void }) {
  const t = useT();
  const f = useReportFormat();
  const errorText = useErrorText();
  const { data, error } = useOverview(true);
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {errorText(error)}
      </p>
    );
  if (!data) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("common.loading")}</p>;
  const online = data.agentsOnline.map((a) => a.name).join(", ");
  return (
    <section aria-label={t("reports.overview.title")} className="space-y-2">
      <h2 className="flex items-center gap-2 text-sm font-semibold">
        <span aria-hidden="true" className="size-2 rounded-full bg-brand-600" />
        {t("reports.overview.title")}
      </h2>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        <StatCard testId="overview-open" label={t("reports.overview.open")} value={f.number(data.open)} />
        <StatCard
          testId="overview-unassigned"
          label={t("reports.overview.unassigned")}
          value={f.number(data.unassigned)}
          onOpen={() => onDrill({ metric: "unassigned", label: t("reports.overview.unassigned") })}
        />
        <StatCard
          testId="overview-waiting"
          label={t("reports.overview.waiting")}
          value={f.number(data.waiting)}
          detail={
            data.waitingLongest ? t("reports.overview.waiting-longest", { duration: f.duration(data.waitingLongest.seconds) }) : undefined
          }
          onOpen={() => onDrill({ metric: "waiting", label: t("reports.overview.waiting") })}
        />
        {/* No drill-down: the copilot's attention flag is not the same list as "negative and unanswered". */}
        <StatCard label={t("reports.overview.needs-attention")} value={f.number(data.needsAttention)} />
        <StatCard label={t("reports.overview.bot-active")} value={f.number(data.botActive)} />
        <StatCard
          testId="overview-online"
          label={t("reports.overview.agents-online")}
          value={f.number(data.agentsOnline.length)}
          detail={online || t("reports.overview.nobody-online")}
        />
      </div>
    </section>
  );
}
