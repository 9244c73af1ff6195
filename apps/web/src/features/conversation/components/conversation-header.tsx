import { type ReactNode, useState } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useChannels } from "../../../hooks/use-channels.ts";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import type { Channel, Conversation, UpdateConversationBody } from "../../../lib/api-types.ts";
import { contactName } from "../../../lib/contact-name.ts";
import { useUsers } from "../api/get-users.ts";
import { useConversationUpdates, useUpdateConversation } from "../api/update-conversation.ts";
import { assignBody } from "../utils/assignment.ts";
import { AssignMenu } from "./assign-menu.tsx";

/** What other features (the copilot) add to the header, composed by the app. */
export interface HeaderSlots {
  /** Beside the status badges (sentiment). */
  badges?: (conversation: Conversation) => ReactNode;
  /** Extra toolbar buttons (summary). */
  actions?: (conversation: Conversation) => ReactNode;
  /** Replaces the built-in "Transfer to human" button (the copilot's handoff with a summary, and back to the bot). */
  botActions?: (conversation: Conversation) => ReactNode;
}

const channelLabel = (channel: Channel) => (channel.displayPhoneNumber ? `${channel.name} (${channel.displayPhoneNumber})` : channel.name);

/**
 * Contact, channel, window countdown, status, assignee and the actions on the conversation. "Mark unread" also leaves it
 * (`onBack`), so it shows in the list with its badge instead of being marked read again.
 */
export function ConversationHeader({
  conversation,
  userId,
  now,
  windowOpen,
  onBack,
  onShowContact,
  slots,
}: {
  conversation: Conversation;
  userId: string;
  now: number;
  windowOpen: boolean;
  onBack?: () => void;
  onShowContact?: () => void;
  slots?: HeaderSlots;
}) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const update = useUpdateConversation(conversation.id);
  const [shownAt] = useState(() => Date.now());
  // The agent's newest change decides the error line, whether made here or by a keyboard shortcut (the automatic
  // mark-read is not the agent's doing).
  const latest = useConversationUpdates(conversation.id, shownAt)
    .filter((change) => !change.body?.markRead)
    .at(-1);
  const failure = latest?.status === "error" ? latest.error : null;
  const users = useUsers();
  const channel = useChannels().data?.data.find((c) => c.id === conversation.channelId);
  const name = contactName(conversation.contact) ?? t("contact.unknown");
  const phone = conversation.contact?.name ? conversation.contact.phone : null;
  const assignee =
    conversation.assigneeId === null
      ? t("conversation.assignee.none")
      : conversation.assigneeId === userId
        ? t("conversation.assignee.me")
        : (users.data?.data.find((u) => u.id === conversation.assigneeId)?.name ?? t("conversation.assignee.other"));
  const remaining = conversation.windowExpiresAt ? new Date(conversation.windowExpiresAt).getTime() - now : 0;
  const act = (body: UpdateConversationBody) => update.mutate(body);
  const markUnread = () => update.mutate({ markUnread: true }, { onSuccess: () => onBack?.() });

  return (
    <header className="border-b border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-center gap-2">
        {onBack ? <IconButton icon="back" label={t("conversation.back")} onClick={onBack} className="md:hidden" /> : null}
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-base font-semibold">{name}</h2>
          <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
            {phone ? <span>{phone}</span> : null}
            {channel ? (
              <span title={t("conversation.channel", { name: channelLabel(channel) })} className="inline-flex items-center gap-1">
                <Icon name="phone" className="size-3" />
                <span className="sr-only">{t("conversation.channel", { name: channelLabel(channel) })}</span>
                <span aria-hidden="true">{channel.name}</span>
              </span>
            ) : null}
            <Badge>{t(`conversation.status.${conversation.status}`)}</Badge>
            {windowOpen ? (
              <Badge tone="neutral" title={conversation.windowExpiresAt ? format.dateTime(conversation.windowExpiresAt) : undefined}>
                <Icon name="clock" className="size-3" />
                {t("conversation.window.open", { time: format.duration(remaining) })}
              </Badge>
            ) : (
              <Badge tone="warning">
                <Icon name="clock" className="size-3" />
                {t("conversation.window.closed")}
              </Badge>
            )}
            {conversation.handledBy === "bot" ? (
              <Badge tone="info">
                <Icon name="bot" className="size-3" />
                {t("conversation.bot")}
              </Badge>
            ) : null}
            <span>{t("conversation.assignee", { name: assignee })}</span>
            {slots?.badges?.(conversation)}
          </div>
        </div>
        {onShowContact ? <IconButton icon="info" label={t("conversation.show-contact")} onClick={onShowContact} /> : null}
      </div>
      <div role="toolbar" aria-label={t("conversation.actions.label")} className="mt-2 flex flex-wrap gap-1.5">
        {conversation.assigneeId !== userId ? (
          <Button size="sm" onClick={() => act(assignBody(conversation, userId))} disabled={update.isPending}>
            <Icon name="user" className="size-3.5" />
            {t("conversation.actions.assign-me")}
          </Button>
        ) : null}
        <AssignMenu
          conversation={conversation}
          userId={userId}
          disabled={update.isPending}
          onAssign={(assigneeId) => act(assigneeId === null ? { assigneeId: null } : assignBody(conversation, assigneeId))}
        />
        {slots?.botActions ? (
          slots.botActions(conversation)
        ) : conversation.handledBy === "bot" ? (
          <Button size="sm" variant="primary" onClick={() => act({ handledBy: "human" })} disabled={update.isPending}>
            <Icon name="user" className="size-3.5" />
            {t("conversation.actions.transfer-human")}
          </Button>
        ) : null}
        {conversation.status === "resolved" ? (
          <Button size="sm" onClick={() => act({ status: "open" })} disabled={update.isPending}>
            {t("conversation.actions.reopen")}
          </Button>
        ) : (
          <Button size="sm" onClick={() => act({ status: "resolved" })} disabled={update.isPending}>
            <Icon name="check" className="size-3.5" />
            {t("conversation.actions.resolve")}
          </Button>
        )}
        <Button size="sm" onClick={markUnread} disabled={update.isPending}>
          <Icon name="mail" className="size-3.5" />
          {t("conversation.mark-unread")}
        </Button>
        {slots?.actions?.(conversation)}
      </div>
      {failure ? (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {t("conversation.actions.failed", { reason: errorText(failure) })}
        </p>
      ) : null}
    </header>
  );
}
