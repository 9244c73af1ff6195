import { useState } from "react";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useLocale, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { apiErrorKey } from "../../../i18n/translate.ts";
import type { Conversation } from "../../../lib/api-types.ts";
import { formatInZone } from "../../../lib/time-zone.ts";
import { useCancelScheduledMessage, useScheduledMessages } from "../api/scheduled-messages.ts";
import { isPending, type ScheduledMessage } from "../api/types.ts";
import { ScheduleDialog } from "./schedule-dialog.tsx";

/** Why it did not go, in plain words; the server's own text (or the generic one) for codes the console does not know. */
const REASONS: Record<string, TranslationKey> = {
  "scheduling.window_closed": "scheduling.reason.window-closed",
  "scheduling.customer_replied": "scheduling.reason.customer-replied",
};

function kindLabel(item: ScheduledMessage): TranslationKey {
  if (item.kind === "reminder") return "scheduling.item.reminder";
  return item.condition === "no_reply" ? "scheduling.item.follow-up" : "scheduling.item.message";
}

/**
 * The conversation's scheduled messages and reminders, above the composer: dashed bubbles with their time, kind and
 * condition, to edit or cancel while they wait; those that failed say why and offer a template instead.
 */
export function ScheduledStrip({ conversation, onOpenTemplates }: { conversation: Conversation; onOpenTemplates?: () => void }) {
  const t = useT();
  const query = useScheduledMessages(conversation.id);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<ScheduledMessage | null>(null);
  const items = (query.data?.data ?? []).filter((item) => isPending(item) || (item.status === "failed" && !dismissed.has(item.id)));
  if (items.length === 0 && !editing) return null;

  return (
    <section
      aria-label={t("scheduling.strip")}
      className="max-h-56 space-y-2 overflow-y-auto border-t border-slate-200 bg-slate-50 px-3 py-2 sm:px-6 dark:border-slate-800 dark:bg-slate-950"
    >
      <ul className="space-y-2">
        {items.map((item) => (
          <li key={item.id} className="flex justify-end">
            <ScheduledBubble
              item={item}
              onEdit={() => setEditing(item)}
              onDismiss={() => setDismissed((current) => new Set([...current, item.id]))}
              onOpenTemplates={onOpenTemplates}
            />
          </li>
        ))}
      </ul>
      {editing ? (
        <ScheduleDialog conversation={conversation} editing={editing} onClose={() => setEditing(null)} onUseTemplate={onOpenTemplates} />
      ) : null}
    </section>
  );
}

function ScheduledBubble({
  item,
  onEdit,
  onDismiss,
  onOpenTemplates,
}: {
  item: ScheduledMessage;
  onEdit: () => void;
  onDismiss: () => void;
  onOpenTemplates?: (() => void) | undefined;
}) {
  const t = useT();
  const errorText = useErrorText();
  const { locale } = useLocale();
  const cancel = useCancelScheduledMessage(item.conversationId);
  const [confirming, setConfirming] = useState(false);
  const failed = item.status === "failed";
  const time = formatInZone(item.sendAt, item.timeZone, locale);
  const kind = t(kindLabel(item));
  const content =
    item.kind === "reminder"
      ? (item.note ?? "")
      : item.message?.type === "text"
        ? item.message.body
        : item.message?.type === "template"
          ? t("scheduling.message.template", { name: item.message.name })
          : t("scheduling.message.other", { type: item.messageType });

  const reason = () => {
    const known = item.errorCode ? REASONS[item.errorCode] : undefined;
    if (known) return t(known);
    const key = item.errorCode ? apiErrorKey(item.errorCode) : "api-errors.unknown";
    return key === "api-errors.unknown" && item.errorMessage ? item.errorMessage : t(key);
  };

  return (
    <article
      aria-label={t("scheduling.item.label", { kind, time })}
      className={`w-full max-w-md space-y-1 rounded-2xl border-2 border-dashed px-3 py-2 text-sm ${
        failed
          ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950"
          : "border-brand-300 bg-white dark:border-brand-800 dark:bg-slate-900"
      }`}
    >
      <p className="flex items-center gap-1.5 text-xs font-medium text-slate-600 dark:text-slate-400">
        <Icon name={item.kind === "reminder" ? "info" : "clock"} className="size-3.5 shrink-0" />
        <span>{kind}</span>
        <span aria-hidden="true">·</span>
        <time dateTime={item.sendAt}>{time}</time>
        {item.status === "processing" ? <span>· {t("scheduling.item.processing")}</span> : null}
      </p>
      {content ? <p className="whitespace-pre-wrap break-words">{content}</p> : null}
      {item.createdBy ? (
        <p className="text-[11px] text-slate-500 dark:text-slate-400">{t("scheduling.item.by", { name: item.createdBy.name })}</p>
      ) : null}
      {!failed && item.kind === "message" && !item.windowOpenAtSendTime && item.messageType !== "template" ? (
        <p className="flex items-start gap-1 text-xs text-amber-800 dark:text-amber-300">
          <Icon name="alert" className="mt-0.5 size-3.5 shrink-0" />
          {t("scheduling.warning.window-closed")}
        </p>
      ) : null}
      {failed ? (
        <div role="alert" className="space-y-1.5">
          <p className="text-xs text-red-800 dark:text-red-300">{t("scheduling.item.failed", { reason: reason() })}</p>
          <div className="flex flex-wrap gap-1.5">
            {onOpenTemplates ? (
              <Button size="sm" onClick={onOpenTemplates}>
                <Icon name="template" className="size-4" />
                {t("scheduling.send-template")}
              </Button>
            ) : null}
            <Button size="sm" variant="ghost" onClick={onDismiss}>
              {t("scheduling.dismiss")}
            </Button>
          </div>
        </div>
      ) : item.status === "scheduled" ? (
        <div className="flex flex-wrap items-center justify-end gap-1">
          {cancel.error ? (
            <p role="alert" className="mr-auto text-xs text-red-700 dark:text-red-400">
              {t("scheduling.error.cancel", { reason: errorText(cancel.error) })}
            </p>
          ) : null}
          {confirming ? (
            <>
              <Button size="sm" variant="danger" disabled={cancel.isPending} onClick={() => cancel.mutate(item.id)}>
                {t("scheduling.cancel.confirm")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                {t("scheduling.cancel.keep")}
              </Button>
            </>
          ) : (
            <>
              <IconButton icon="pencil" label={t("scheduling.edit", { kind })} onClick={onEdit} className="size-8" />
              <IconButton
                icon="trash"
                label={t("scheduling.cancel.label", { kind })}
                onClick={() => setConfirming(true)}
                className="size-8"
              />
            </>
          )}
        </div>
      ) : null}
    </article>
  );
}
