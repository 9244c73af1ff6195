import { type FormEvent, useMemo, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useWorkspaceSettings, type WorkspaceSettings } from "../../../hooks/use-workspace-settings.ts";
import { useErrorText, useLocale, useT } from "../../../i18n/i18n.tsx";
import { fieldErrorsOf } from "../../../lib/field-errors.ts";
import { useSession } from "../../../lib/services.tsx";
import { formatInZone, formatOffset, offsetMinutes, supportedTimeZones, timeZoneName } from "../../../lib/time-zone.ts";
import { useUpdateWorkspaceSettings } from "../api/update-workspace-settings.ts";
import { BusinessHoursEditor } from "./business-hours-editor.tsx";

const NAME_MAX_LENGTH = 120;
const FIELDS = ["name", "timeZone"] as const;

const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[\s_/]+/g, " ");

/** Every zone with its current offset and its name in the agent's language, computed once per page. */
function useZones(now: number, locale: string) {
  return useMemo(
    () =>
      supportedTimeZones().map((zone) => {
        const offset = formatOffset(offsetMinutes(now, zone));
        const name = timeZoneName(zone, locale, now) ?? "";
        return { zone, label: `${zone.replace(/_/g, " ")} (${offset})`, search: fold(`${zone} ${offset} ${name}`) };
      }),
    [now, locale],
  );
}

function SettingsForm({ saved, canEdit }: { saved: WorkspaceSettings; canEdit: boolean }) {
  const t = useT();
  const errorText = useErrorText();
  const { locale } = useLocale();
  const update = useUpdateWorkspaceSettings();
  const [now] = useState(() => Date.now());
  const zones = useZones(now, locale);
  const [draft, setDraft] = useState(saved);
  const [search, setSearch] = useState("");
  const change = (patch: Partial<WorkspaceSettings>) => {
    update.reset();
    setDraft((current) => ({ ...current, ...patch }));
  };

  const shown = useMemo(() => {
    const query = fold(search.trim());
    const matches = zones.filter((z) => !query || z.search.includes(query));
    // The chosen zone stays in the list, so the select never shows a value it has no option for.
    return matches.some((z) => z.zone === draft.timeZone) ? matches : [...zones.filter((z) => z.zone === draft.timeZone), ...matches];
  }, [zones, search, draft.timeZone]);
  const known = zones.some((z) => z.zone === draft.timeZone);

  const errors = fieldErrorsOf(update.error, FIELDS);
  const nameMissing = !draft.name.trim();
  const changed = draft.name.trim() !== saved.name || draft.timeZone !== saved.timeZone;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canEdit || nameMissing || !changed) return;
    const body: Partial<WorkspaceSettings> = {};
    if (draft.name.trim() !== saved.name) body.name = draft.name.trim();
    if (draft.timeZone !== saved.timeZone) body.timeZone = draft.timeZone;
    update.mutate(body, { onSuccess: (answer) => setDraft(answer) });
  };

  const zoneName = timeZoneName(draft.timeZone, locale, now);
  const offset = formatOffset(offsetMinutes(now, draft.timeZone));

  return (
    <form onSubmit={submit} className="max-w-lg space-y-5">
      <TextField
        label={t("workspace.name")}
        value={draft.name}
        maxLength={NAME_MAX_LENGTH}
        disabled={!canEdit}
        onChange={(event) => change({ name: event.target.value })}
        error={nameMissing ? t("workspace.name.required") : errors.fields.name ? errorText({ code: errors.fields.name }) : undefined}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">{t("workspace.time-zone")}</legend>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t("workspace.time-zone.intro")}</p>
        <TextField
          label={t("workspace.time-zone.search")}
          type="search"
          value={search}
          disabled={!canEdit}
          onChange={(event) => setSearch(event.target.value)}
        />
        <SelectField
          label={t("workspace.time-zone.select")}
          value={draft.timeZone}
          disabled={!canEdit}
          size={8}
          onChange={(event) => change({ timeZone: event.target.value })}
          className="[&_select]:h-auto"
          error={errors.fields.timeZone ? errorText({ code: errors.fields.timeZone }) : undefined}
        >
          {known ? null : <option value={draft.timeZone}>{draft.timeZone}</option>}
          {shown.map((z) => (
            <option key={z.zone} value={z.zone}>
              {z.label}
            </option>
          ))}
        </SelectField>
        <p role="status" className="text-sm">
          {t("workspace.time-zone.current", {
            zone: zoneName ? `${zoneName} (${draft.timeZone})` : draft.timeZone,
            offset,
            time: formatInZone(now, draft.timeZone, locale),
          })}
        </p>
      </fieldset>
      {errors.unplaced ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(errors.unplaced)}
        </p>
      ) : null}
      {canEdit ? (
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={update.isPending || nameMissing || !changed}>
            {update.isPending ? t("workspace.saving") : t("workspace.save")}
          </Button>
          <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
            {update.isSuccess ? t("workspace.saved") : ""}
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("workspace.read-only")}</p>
      )}
    </form>
  );
}

/** Admin → Workspace: its name and the time zone scheduled messages and reports are read in. */
export function WorkspaceSettingsAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const session = useSession();
  const settings = useWorkspaceSettings();
  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4 md:p-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold">{t("workspace.title")}</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("workspace.intro")}</p>
      </header>
      {settings.isPending ? <p className="text-sm">{t("common.loading")}</p> : null}
      {settings.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t("workspace.error", { reason: errorText(settings.error) })}
        </p>
      ) : null}
      {settings.data ? <SettingsForm saved={settings.data} canEdit={session?.user.role === "admin"} /> : null}
      {settings.data ? (
        <BusinessHoursEditor
          saved={settings.data.businessHours ?? null}
          defaultZone={settings.data.timeZone}
          canEdit={session?.user.role === "admin"}
        />
      ) : null}
    </div>
  );
}
