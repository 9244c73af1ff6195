import { useState } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useSession } from "../../../lib/services.tsx";
import { useCreateChannel } from "../api/create-channel.ts";
import { useChannels } from "../api/get-channels.ts";
import { usePeople } from "../api/get-people.ts";
import type { ChannelDetails } from "../api/types.ts";
import { ChannelDetail } from "./channel-detail.tsx";
import { ChannelForm, toCreateBody } from "./channel-form.tsx";

type View = { kind: "channel"; id: string | null; justConnected: boolean } | { kind: "connect" };

function ChannelList({
  channels,
  selectedId,
  onSelect,
}: {
  channels: ChannelDetails[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const t = useT();
  return (
    <ul aria-label={t("channels.list")} className="space-y-1">
      {channels.map((channel) => (
        <li key={channel.id}>
          <button
            type="button"
            aria-current={channel.id === selectedId ? "true" : undefined}
            onClick={() => onSelect(channel.id)}
            className={`w-full rounded-lg px-3 py-2 text-left hover:bg-slate-100 dark:hover:bg-slate-800 ${
              channel.id === selectedId ? "bg-brand-50 dark:bg-brand-900/40" : ""
            }`}
          >
            <span className="flex items-center gap-2">
              <span className="truncate font-medium">{channel.name}</span>
              {channel.sandbox ? <Badge tone="warning">{t("channels.sandbox")}</Badge> : null}
            </span>
            <span className="block truncate text-sm text-slate-600 dark:text-slate-400">
              {channel.displayPhoneNumber ?? channel.phoneNumberId}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function ConnectChannel({ onConnected, onCancel }: { onConnected: (channel: ChannelDetails) => void; onCancel: () => void }) {
  const t = useT();
  const create = useCreateChannel();
  return (
    <section aria-labelledby="connect-channel-title" className="space-y-4">
      <h3 id="connect-channel-title" className="text-lg font-semibold">
        {t("channels.connect.title")}
      </h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("channels.connect.intro")}</p>
      <ChannelForm
        pending={create.isPending}
        error={create.error}
        onSubmit={(values) => create.mutate(toCreateBody(values), { onSuccess: onConnected })}
        onCancel={onCancel}
      />
    </section>
  );
}

/**
 * The workspace's WhatsApp numbers: the list, one number's setup and connection check, and connecting a new one.
 * Administrators change them; supervisors read and check.
 */
export function ChannelsAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const session = useSession();
  // Whoever has channels.manage (administrators, or a grant): the signed-in user's own entry in the users list says.
  const people = usePeople();
  const self = people.data?.data.find((p) => p.id === session?.user.id);
  const canEdit = self?.effectivePermissions ? self.effectivePermissions.includes("channels.manage") : session?.user.role === "admin";
  const channels = useChannels();
  const [view, setView] = useState<View>({ kind: "channel", id: null, justConnected: false });
  const list = channels.data?.data ?? [];
  const selected = view.kind === "channel" ? (list.find((c) => c.id === view.id) ?? list[0]) : undefined;

  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4 md:p-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h2 className="text-xl font-semibold">{t("channels.title")}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("channels.intro")}</p>
        </div>
        {canEdit && view.kind !== "connect" ? (
          <Button variant="primary" onClick={() => setView({ kind: "connect" })}>
            <Icon name="plus" className="size-4" />
            {t("channels.connect")}
          </Button>
        ) : null}
      </header>
      {channels.isPending ? (
        <p className="text-sm">{t("channels.loading")}</p>
      ) : channels.isError ? (
        <div role="alert" className="space-y-2 text-sm">
          <p>{t("channels.error", { reason: errorText(channels.error) })}</p>
          <Button size="sm" onClick={() => void channels.refetch()}>
            {t("common.retry")}
          </Button>
        </div>
      ) : (
        <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
          <div>
            {list.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{t("channels.empty")}</p>
            ) : (
              <ChannelList
                channels={list}
                selectedId={selected?.id ?? null}
                onSelect={(id) => setView({ kind: "channel", id, justConnected: false })}
              />
            )}
          </div>
          <div className="min-w-0">
            {view.kind === "connect" ? (
              <ConnectChannel
                onConnected={(channel) => setView({ kind: "channel", id: channel.id, justConnected: true })}
                onCancel={() => setView({ kind: "channel", id: null, justConnected: false })}
              />
            ) : selected ? (
              <ChannelDetail
                key={selected.id}
                channel={selected}
                canEdit={canEdit}
                justConnected={view.justConnected && view.id === selected.id}
                onDisconnected={() => setView({ kind: "channel", id: null, justConnected: false })}
              />
            ) : null}
          </div>
        </div>
      )}
    </div>
  );
}
