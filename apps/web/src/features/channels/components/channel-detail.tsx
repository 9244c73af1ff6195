import { useState } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { ChannelDetails } from "../api/types.ts";
import { useUpdateChannel } from "../api/update-channel.ts";
import { ChannelForm, toUpdateBody } from "./channel-form.tsx";
import { ChannelMembers } from "./channel-members.tsx";
import { DisconnectChannelDialog } from "./disconnect-channel-dialog.tsx";
import { HealthCheckPanel } from "./health-check-panel.tsx";
import { WebhookSetup } from "./webhook-setup.tsx";

function EditChannel({ channel }: { channel: ChannelDetails }) {
  const t = useT();
  const update = useUpdateChannel(channel.id);
  // A new key after each save empties the write-only fields and starts from the saved values.
  const [generation, setGeneration] = useState(0);
  return (
    <section aria-labelledby={`edit-${channel.id}`} className="space-y-3">
      <h4 id={`edit-${channel.id}`} className="font-semibold">
        {t("channels.edit.title")}
      </h4>
      {update.isSuccess ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-200">
          {t("channels.edit.saved")}
        </p>
      ) : null}
      <ChannelForm
        key={generation}
        channel={channel}
        pending={update.isPending}
        error={update.error}
        onSubmit={(values) => {
          const body = toUpdateBody(values, channel);
          if (Object.keys(body).length === 0) return;
          update.mutate(body, { onSuccess: () => setGeneration((g) => g + 1) });
        }}
      />
    </section>
  );
}

/**
 * One number: what Meta needs (webhook URL and verify token), a connection check, and — for administrators — who works
 * it, editing, credential rotation and disconnection. Supervisors see the same page read-only, with the check.
 */
export function ChannelDetail({
  channel,
  canEdit,
  justConnected,
  onDisconnected,
}: {
  channel: ChannelDetails;
  canEdit: boolean;
  justConnected: boolean;
  onDisconnected: () => void;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const row = (label: string, value: string) => (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words">{value}</dd>
    </>
  );
  return (
    <article aria-labelledby={`channel-${channel.id}`} className="space-y-6">
      <header className="flex flex-wrap items-center gap-2">
        <h3 id={`channel-${channel.id}`} className="text-lg font-semibold">
          {channel.name}
        </h3>
        {channel.sandbox ? <Badge tone="warning">{t("channels.sandbox")}</Badge> : null}
      </header>
      {justConnected ? (
        <p role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-100">
          {t("channels.connect.done")}
        </p>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {row(t("channels.field.display-phone-number"), channel.displayPhoneNumber ?? t("channels.none"))}
        {row(t("channels.field.phone-number-id"), channel.phoneNumberId)}
        {row(t("channels.field.waba-id"), channel.wabaId)}
        {row(
          t("channels.field.access-token"),
          channel.hasAccessToken ? t("channels.credential.is-set") : t("channels.credential.is-not-set"),
        )}
        {row(t("channels.field.app-secret"), channel.hasAppSecret ? t("channels.credential.is-set") : t("channels.credential.is-not-set"))}
        {row(t("channels.field.api"), `${channel.apiUrl} · ${channel.apiVersion}`)}
      </dl>
      <WebhookSetup webhook={channel.webhook} />
      <HealthCheckPanel channelId={channel.id} />
      {canEdit ? (
        <>
          <ChannelMembers channelId={channel.id} />
          <EditChannel channel={channel} />
          <section aria-labelledby={`disconnect-${channel.id}`} className="space-y-2">
            <h4 id={`disconnect-${channel.id}`} className="font-semibold">
              {t("channels.disconnect")}
            </h4>
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("channels.disconnect.hint")}</p>
            <Button variant="danger" onClick={() => setConfirming(true)}>
              {t("channels.disconnect.open")}
            </Button>
          </section>
          {confirming ? (
            <DisconnectChannelDialog channel={channel} onClose={() => setConfirming(false)} onDisconnected={onDisconnected} />
          ) : null}
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("channels.read-only")}</p>
      )}
    </article>
  );
}
