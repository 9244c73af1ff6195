import { lazy, Suspense, useMemo, useState } from "react";
import { useDebouncedValue } from "../../../hooks/use-debounced-value.ts";
import { browserTimeZone, useWorkspaceSettings } from "../../../hooks/use-workspace-settings.ts";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useCanViewAllReports, useExportCsv } from "../api/reports.ts";
import {
  type DrillTarget,
  type Granularity,
  ownNumbersTabs,
  type ReportFilters,
  type ReportTab,
  reportTabs,
  tagUnsupportedTabs,
} from "../api/types.ts";
import { autoGranularity, presetRange, type RangePreset } from "../utils/range.ts";
import { DrillPanel } from "./drill-panel.tsx";
import { OverviewStrip } from "./overview-strip.tsx";
import { ReportFilterBar } from "./report-filters.tsx";

// The charts (and recharts, the biggest library of the console) load only when a report is first shown.
const ReportPanel = lazy(() => import("./panels/report-panel.tsx").then((module) => ({ default: module.ReportPanel })));

interface RangeState {
  preset: RangePreset | null;
  from: string;
  to: string;
}

/**
 * The reports dashboard. Supervisors and admins (`reports.view`) see the workspace's numbers, the live overview and
 * every tab; an agent sees "my numbers": their own volume, speed and row, which the server also enforces.
 */
export function ReportsScreen({ user, now = Date.now }: { user: { id: string; role: string }; now?: () => number }) {
  const t = useT();
  const errorText = useErrorText();
  const canViewAll = useCanViewAllReports(user.role);
  const settings = useWorkspaceSettings();
  const timeZone = settings.data?.timeZone ?? browserTimeZone();
  const [range, setRange] = useState<RangeState>(() => ({ preset: "7d", ...presetRange("7d", now(), timeZone) }));
  const [granularityOverride, setGranularityOverride] = useState<Granularity | null>(null);
  const [picked, setPicked] = useState<Partial<ReportFilters>>({ businessHours: false });
  const [tagDraft, setTagDraft] = useState("");
  const tag = useDebouncedValue(tagDraft.trim(), 400);
  const [chosenTab, setTab] = useState<ReportTab>("volume");
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const exportCsv = useExportCsv();

  const tabs = canViewAll ? reportTabs : ownNumbersTabs;
  const tab = tabs.includes(chosenTab) ? chosenTab : "volume";
  const tagDisabled = tagUnsupportedTabs.includes(tab);
  // A preset follows the workspace's zone once it is known (the first render may have used the browser's).
  const dates = range.preset ? presetRange(range.preset, now(), timeZone) : range;
  const filters = useMemo<ReportFilters>(
    () => ({
      from: dates.from,
      to: dates.to,
      timeZone,
      granularity: granularityOverride ?? autoGranularity(dates.from, dates.to),
      channelId: picked.channelId,
      teamId: canViewAll ? picked.teamId : undefined,
      agentId: canViewAll ? picked.agentId : undefined,
      tag: tagDisabled ? undefined : tag || undefined,
      businessHours: picked.businessHours ?? false,
    }),
    [dates.from, dates.to, timeZone, granularityOverride, picked, canViewAll, tag, tagDisabled],
  );

  const tabLabel: Record<ReportTab, string> = {
    volume: t("reports.tab.volume"),
    speed: t("reports.tab.speed"),
    agents: canViewAll ? t("reports.tab.agents") : t("reports.tab.me"),
    bot: t("reports.tab.bot"),
    quality: t("reports.tab.quality"),
    delivery: t("reports.tab.delivery"),
    cost: t("reports.tab.cost"),
  };

  return (
    <div className="mx-auto max-w-7xl space-y-4 p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{canViewAll ? t("reports.title") : t("reports.title.mine")}</h2>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t("reports.time-zone", { timeZone })}</p>
      </div>
      <ReportFilterBar
        filters={filters}
        tagDraft={tagDraft}
        preset={range.preset}
        granularityOverride={granularityOverride}
        canViewAll={canViewAll}
        tagDisabled={tagDisabled}
        onPreset={(preset) => setRange({ preset, ...presetRange(preset, now(), timeZone) })}
        onRange={(next) => setRange({ preset: null, ...next })}
        onGranularity={setGranularityOverride}
        onChange={(patch) => setPicked((current) => ({ ...current, ...patch }))}
        onTagDraft={setTagDraft}
        onExport={() => exportCsv.mutate({ tab, filters })}
        exporting={exportCsv.isPending}
      />
      {exportCsv.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorText(exportCsv.error)}
        </p>
      ) : null}
      {canViewAll ? <OverviewStrip onDrill={setDrill} /> : null}
      <div
        role="tablist"
        aria-label={t("reports.tabs")}
        className="flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800"
      >
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`reports-tab-${name}`}
            aria-selected={name === tab}
            aria-controls="reports-panel"
            onClick={() => setTab(name)}
            className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
              name === tab
                ? "border-brand-700 text-brand-800 dark:border-brand-500 dark:text-brand-100"
                : "border-transparent text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
            }`}
          >
            {tabLabel[name]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="reports-panel" aria-labelledby={`reports-tab-${tab}`}>
        <Suspense fallback={<p className="p-3 text-sm text-slate-600 dark:text-slate-400">{t("common.loading")}</p>}>
          <ReportPanel tab={tab} filters={filters} canViewAll={canViewAll} onDrill={setDrill} />
        </Suspense>
      </div>
      {drill ? (
        <DrillPanel
          title={drill.label}
          request={{
            metric: drill.metric,
            bucketStart: drill.bucketStart,
            bucketEnd: drill.bucketEnd,
            handoffReason: drill.handoffReason,
            from: filters.from,
            to: filters.to,
            timeZone: filters.timeZone,
            channelId: filters.channelId,
            teamId: filters.teamId,
            agentId: filters.agentId,
            tag: filters.tag,
            businessHours: filters.businessHours,
          }}
          onClose={() => setDrill(null)}
        />
      ) : null}
    </div>
  );
}
