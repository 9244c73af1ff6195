import { type FormEvent, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useDeleteChannel } from "../api/delete-channel.ts";
import type { ChannelDetails } from "../api/types.ts";

/** Disconnecting deletes the number's conversations: the administrator types the number's name to confirm. */
export function DisconnectChannelDialog({
  channel,
  onClose,
  onDisconnected,
}: {
  channel: ChannelDetails;
  onClose: () => void;
  onDisconnected: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const remove = useDeleteChannel(channel.id);
  const confirmed = typed.trim() === channel.name.trim();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed) return;
    remove.mutate(undefined, { onSuccess: onDisconnected });
  };

  return (
    <Dialog title={t("channels.disconnect.title", { name: channel.name })} closeLabel={t("common.close")} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4">
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("channels.disconnect.warning")}</p>
        <div className="space-y-1">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            {t("channels.disconnect.type-name", { name: channel.name })}
          </label>
          <input
            id={inputId}
            value={typed}
            autoComplete="off"
            onChange={(event) => setTyped(event.currentTarget.value)}
            className="block h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
          />
        </div>
        {remove.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorText(remove.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("channels.cancel")}</Button>
          <Button type="submit" variant="danger" disabled={!confirmed || remove.isPending}>
            {remove.isPending ? t("channels.disconnect.submitting") : t("channels.disconnect.submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
