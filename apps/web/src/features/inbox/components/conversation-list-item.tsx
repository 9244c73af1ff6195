import type { ReactNode } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useFormat, useT } from "../../../i18n/i18n.tsx";
import type { Conversation } from "../../../lib/api-types.ts";
import { contactInitials, contactName } from "../../../lib/contact-name.ts";
import { LastMessagePreview } from "./last-message-preview.tsx";

export function ConversationListItem({
  conversation,
  selected,
  now,
  onSelect,
  badges,
}: {
  conversation: Conversation;
  selected: boolean;
  now: number;
  onSelect: (conversationId: string) => void;
  /** Extra badges from other features (the copilot's sentiment and attention marker), composed by the app. */
  badges?: (conversation: Conversation) => ReactNode;
}) {
  const t = useT();
  const format = useFormat();
  const name = contactName(conversation.contact) ?? t("contact.unknown");
  const phone = conversation.contact?.name ? conversation.contact.phone : null;
  const unread = conversation.unreadCount;
  return (
    <button
      type="button"
      onClick={() => onSelect(conversation.id)}
      aria-current={selected ? "true" : undefined}
      id={`conversation-item-${conversation.id}`}
      className={`flex w-full items-start gap-3 px-4 py-3 text-left transition-colors hover:bg-slate-50 focus-visible:-outline-offset-2 dark:hover:bg-slate-900 ${
        selected ? "bg-brand-50 dark:bg-brand-900/40" : ""
      }`}
    >
      <span
        aria-hidden="true"
        className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-800 dark:bg-brand-900 dark:text-brand-100"
      >
        {contactInitials(conversation.contact)}
      </span>
      <span className="min-w-0 flex-1">
        <span className="flex items-baseline justify-between gap-2">
          <span className={`truncate text-sm ${unread > 0 ? "font-semibold" : "font-medium"}`}>{name}</span>
          <time
            dateTime={conversation.lastActivityAt}
            title={format.dateTime(conversation.lastActivityAt)}
            className="shrink-0 text-xs text-slate-600 dark:text-slate-300"
          >
            {format.relative(conversation.lastActivityAt, now)}
          </time>
        </span>
        {conversation.lastMessage ? (
          <LastMessagePreview message={conversation.lastMessage} />
        ) : phone ? (
          <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{phone}</span>
        ) : null}
        <span className="mt-1 flex flex-wrap items-center gap-1">
          {conversation.windowOpen ? null : (
            <Badge tone="warning" title={t("inbox.window-closed.hint")}>
              <Icon name="clock" className="size-3" />
              {t("inbox.window-closed")}
              <span className="sr-only">{t("inbox.window-closed.hint")}</span>
            </Badge>
          )}
          {conversation.handledBy === "bot" ? (
            <Badge tone="info" title={t("inbox.bot.hint")}>
              <Icon name="bot" className="size-3" />
              {t("inbox.bot")}
            </Badge>
          ) : null}
          {badges?.(conversation)}
          {unread > 0 ? (
            <span className="ml-auto">
              <Badge tone="brand" title={t("inbox.unread", { count: unread })}>
                <span aria-hidden="true">{format.number(unread)}</span>
                <span className="sr-only">{t("inbox.unread", { count: unread })}</span>
              </Badge>
            </span>
          ) : null}
        </span>
      </span>
    </button>
  );
}
