import { Button } from "../../../components/ui/button.tsx";
import { CheckboxField } from "../../../components/ui/checkbox-field.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useChannels } from "../../../hooks/use-channels.ts";
import { useT } from "../../../i18n/i18n.tsx";
import { useReportUsers, useTeams } from "../api/reports.ts";
import { type Granularity, granularities, type ReportFilters } from "../api/types.ts";
import { type RangePreset, rangePresets } from "../utils/range.ts";

export interface FilterBarProps {
  filters: ReportFilters;
  /** The tag as typed (the report follows it once typing settles). */
  tagDraft: string;
  /** The chosen preset, or null for a custom range. */
  preset: RangePreset | null;
  /** Null while the granularity follows the range's length. */
  granularityOverride: Granularity | null;
  canViewAll: boolean;
  /** Delivery and cost cannot be narrowed by tag (message-level numbers only). */
  tagDisabled: boolean;
  onPreset: (preset: RangePreset) => void;
  onRange: (range: { from: string; to: string }) => void;
  onGranularity: (granularity: Granularity | null) => void;
  onChange: (patch: Partial<ReportFilters>) => void;
  onTagDraft: (tag: string) => void;
  onExport: () => void;
  exporting: boolean;
}

/** The dashboard's header: range, granularity, filters, business hours, CSV export of the open tab. */
export function ReportFilterBar(props: FilterBarProps) {
  const t = useT();
  const { filters, canViewAll } = props;
  const channels = useChannels();
  const teams = useTeams(canViewAll);
  const users = useReportUsers(canViewAll);
  const presetLabel: Record<RangePreset, string> = {
    today: t("reports.range.today"),
    "7d": t("reports.range.7d"),
    "30d": t("reports.range.30d"),
    "this-month": t("reports.range.this-month"),
    "last-month": t("reports.range.last-month"),
  };
  const granularityLabel: Record<Granularity, string> = {
    hour: t("reports.granularity.hour"),
    day: t("reports.granularity.day"),
    week: t("reports.granularity.week"),
    month: t("reports.granularity.month"),
  };
  return (
    <div className="space-y-2">
      <fieldset className="flex flex-wrap items-center gap-1">
        <legend className="sr-only">{t("reports.range.label")}</legend>
        {rangePresets.map((preset) => (
          <Button
            key={preset}
            size="sm"
            variant={props.preset === preset ? "primary" : "secondary"}
            aria-pressed={props.preset === preset}
            onClick={() => props.onPreset(preset)}
          >
            {presetLabel[preset]}
          </Button>
        ))}
      </fieldset>
      <div className="grid grid-cols-2 items-end gap-2 sm:grid-cols-4 lg:grid-cols-8">
        <TextField
          label={t("reports.range.from")}
          type="date"
          value={filters.from}
          max={filters.to}
          onChange={(e) => e.target.value && props.onRange({ from: e.target.value, to: filters.to })}
        />
        <TextField
          label={t("reports.range.to")}
          type="date"
          value={filters.to}
          min={filters.from}
          onChange={(e) => e.target.value && props.onRange({ from: filters.from, to: e.target.value })}
        />
        <SelectField
          label={t("reports.granularity.label")}
          value={props.granularityOverride ?? ""}
          onChange={(e) => props.onGranularity((e.target.value || null) as Granularity | null)}
        >
          <option value="">{t("reports.granularity.auto", { granularity: granularityLabel[filters.granularity] })}</option>
          {granularities.map((g) => (
            <option key={g} value={g}>
              {granularityLabel[g]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("reports.filter.channel")}
          value={filters.channelId ?? ""}
          onChange={(e) => props.onChange({ channelId: e.target.value || undefined })}
        >
          <option value="">{t("reports.filter.all")}</option>
          {(channels.data?.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        {canViewAll ? (
          <>
            <SelectField
              label={t("reports.filter.team")}
              value={filters.teamId ?? ""}
              onChange={(e) => props.onChange({ teamId: e.target.value || undefined })}
            >
              <option value="">{t("reports.filter.all")}</option>
              {(teams.data?.items ?? []).map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("reports.filter.agent")}
              value={filters.agentId ?? ""}
              onChange={(e) => props.onChange({ agentId: e.target.value || undefined })}
            >
              <option value="">{t("reports.filter.all")}</option>
              {(users.data?.data ?? []).map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </SelectField>
          </>
        ) : null}
        <TextField
          label={t("reports.filter.tag")}
          value={props.tagDisabled ? "" : props.tagDraft}
          disabled={props.tagDisabled}
          hint={props.tagDisabled ? t("reports.filter.tag-unsupported") : undefined}
          onChange={(e) => props.onTagDraft(e.target.value)}
        />
        <Button onClick={props.onExport} disabled={props.exporting} className="self-end">
          {t("reports.export-csv")}
        </Button>
      </div>
      <CheckboxField
        label={t("reports.filter.business-hours")}
        checked={filters.businessHours}
        onChange={(checked) => props.onChange({ businessHours: checked })}
      />
    </div>
  );
}
