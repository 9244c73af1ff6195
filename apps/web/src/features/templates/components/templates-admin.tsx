import { useDeferredValue, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useChannels } from "../../../hooks/use-channels.ts";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { useSyncTemplates, useTemplates } from "../api/templates.ts";
import { type TemplateDto, templateCategories, templateStatuses } from "../api/types.ts";
import { categoryLabel, statusLabel } from "../utils/labels.ts";
import { DeleteTemplateDialog } from "./delete-template-dialog.tsx";
import { TemplateForm } from "./template-form.tsx";
import { TemplateTable } from "./template-table.tsx";

type Notice = { kind: "synced"; channels: number; templates: number } | { kind: "created"; name: string };

/**
 * Admin → Templates: one number's message templates as Meta last reported them (synced on a schedule, from Meta's
 * webhooks and on demand here), live as their status changes; create new ones for review and delete old ones.
 */
export function TemplatesAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const channels = useChannels();
  const numbers = channels.data?.data ?? [];
  const [chosen, setChosen] = useState("");
  const channel = numbers.find((c) => c.id === chosen) ?? numbers[0];
  const channelId = channel?.id ?? "";
  const [status, setStatus] = useState("");
  const [category, setCategory] = useState("");
  const [q, setQ] = useState("");
  const query = useDeferredValue(q.trim());
  const templates = useTemplates({ channelId, status, category, q: query });
  const sync = useSyncTemplates();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<TemplateDto | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const rows = templates.data?.data ?? [];
  const filtered = Boolean(status || category || query);

  const runSync = () => {
    setNotice(null);
    sync.mutate(channelId, { onSuccess: (result) => setNotice({ kind: "synced", ...result }) });
  };

  return (
    <div className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h2 className="text-xl font-semibold">{t("templates-admin.title")}</h2>
          <p className="max-w-2xl text-sm text-slate-600 dark:text-slate-400">{t("templates-admin.intro")}</p>
        </div>
        {channel ? (
          <div className="flex flex-wrap gap-2">
            <Button onClick={runSync} disabled={sync.isPending}>
              <Icon name="download" className="size-4" />
              {sync.isPending ? t("templates-admin.sync.running") : t("templates-admin.sync")}
            </Button>
            {creating ? null : (
              <Button variant="primary" onClick={() => setCreating(true)}>
                <Icon name="plus" className="size-4" />
                {t("templates-admin.new")}
              </Button>
            )}
          </div>
        ) : null}
      </header>

      <div aria-live="polite">
        {notice?.kind === "synced" ? (
          <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900 dark:bg-brand-900/40 dark:text-brand-100">
            {t("templates-admin.sync.done", { templates: notice.templates, channels: notice.channels })}
          </p>
        ) : null}
        {notice?.kind === "created" ? (
          <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900 dark:bg-brand-900/40 dark:text-brand-100">
            {t("templates-admin.new.done", { name: notice.name })}
          </p>
        ) : null}
      </div>
      {sync.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("templates-admin.sync.failed", { reason: errorText(sync.error) })}
          {sync.error instanceof ApiError && sync.error.code.startsWith("templates.") ? ` ${sync.error.message}` : null}
        </p>
      ) : null}

      {channels.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorText(channels.error)}
        </p>
      ) : null}
      {channels.data && !numbers.length ? <p className="text-sm">{t("templates-admin.no-channels")}</p> : null}

      {channel && creating ? (
        <TemplateForm
          key={channel.id}
          channelId={channel.id}
          channelName={channel.name}
          onCancel={() => setCreating(false)}
          onCreated={(template) => {
            setCreating(false);
            setNotice({ kind: "created", name: template.name });
          }}
        />
      ) : null}

      {channel ? (
        <div className="flex flex-wrap items-end gap-3">
          {numbers.length > 1 ? (
            <SelectField
              className="min-w-56"
              label={t("templates-admin.filter.channel")}
              value={channel.id}
              onChange={(e) => setChosen(e.target.value)}
            >
              {numbers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.displayPhoneNumber ? `${c.name} (${c.displayPhoneNumber})` : c.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <SelectField label={t("templates-admin.filter.status")} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t("templates-admin.filter.any")}</option>
            {templateStatuses.map((s) => (
              <option key={s} value={s}>
                {t(statusLabel[s])}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("templates-admin.filter.category")} value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t("templates-admin.filter.any")}</option>
            {templateCategories.map((c) => (
              <option key={c} value={c}>
                {t(categoryLabel[c])}
              </option>
            ))}
          </SelectField>
          <TextField
            className="min-w-56 flex-1"
            label={t("templates-admin.filter.search")}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
      ) : null}

      {templates.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorText(templates.error)}
        </p>
      ) : null}
      {channel && templates.isPending ? <p className="text-sm">{t("templates-admin.loading")}</p> : null}
      {templates.data && !rows.length ? (
        <p className="text-sm">{filtered ? t("templates-admin.none-found") : t("templates-admin.empty")}</p>
      ) : null}
      {rows.length ? <TemplateTable templates={rows} onDelete={setDeleting} /> : null}
      {deleting ? <DeleteTemplateDialog template={deleting} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}
