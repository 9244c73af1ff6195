import type { ReactNode } from "react";
import { IconButton } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useFormat, useT } from "../../../i18n/i18n.tsx";
import type { Message } from "../../../lib/api-types.ts";
import { MessageBody } from "./message-body.tsx";
import { QuotedMessage } from "./quoted-message.tsx";
import { ReactionList } from "./reaction-list.tsx";
import { ReferralBanner } from "./referral-banner.tsx";
import { StatusTicks } from "./status-ticks.tsx";

/** What other features (the copilot) add to a bubble, composed by the app. */
export interface MessageSlots {
  /** Under the content (translation, voice transcript, the bot's cited article). */
  extras?: (message: Message) => ReactNode;
  /** Beside the time (the sentiment marker). */
  meta?: (message: Message) => ReactNode;
}

const SYSTEM_TYPES = new Set(["system", "request_welcome"]);

/**
 * WhatsApp's own notices (number changed, welcome request). Papo's automatic replies (an opt-out confirmation) are
 * also sent by "system", but they are business messages the customer received: bubbles with ticks, labelled.
 */
export function isSystemMessage(message: Message): boolean {
  return SYSTEM_TYPES.has(message.type) || (message.senderKind === "system" && message.direction === "inbound");
}

/**
 * One message: customers on the left, the business on the right (bots tinted apart), system notices centred.
 * Shows forwarding, the ad it came from, the quoted message, the content, time, ticks, errors and reactions.
 */
export function MessageBubble({
  message,
  quoted,
  highlighted,
  onReply,
  onJump,
  onOpenMedia,
  slots,
}: {
  message: Message;
  quoted: Message | undefined;
  highlighted: boolean;
  onReply?: (message: Message) => void;
  onJump: (messageId: string) => void;
  /** Opens an image or video in the full-screen viewer; `opener` gets the focus back when it closes. */
  onOpenMedia?: (message: Message, opener: HTMLElement) => void;
  slots?: MessageSlots;
}) {
  const t = useT();
  const format = useFormat();
  const ring = highlighted ? "ring-2 ring-amber-400" : "";

  if (isSystemMessage(message)) {
    return (
      <div id={`message-${message.id}`} data-message-id={message.id} className="flex justify-center py-1">
        <div
          className={`max-w-[85%] rounded-lg bg-slate-100 px-3 py-1.5 text-center text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200 ${ring}`}
        >
          <span className="font-semibold">{t("message.system")}: </span>
          <MessageBody message={message} />
        </div>
      </div>
    );
  }

  const outbound = message.direction === "outbound";
  const bot = message.senderKind === "bot";
  const automatic = outbound && message.senderKind === "system";
  const sticker = message.type === "sticker";
  const tone = sticker
    ? ""
    : bot
      ? "bg-indigo-50 text-slate-900 dark:bg-indigo-950 dark:text-slate-100"
      : outbound
        ? "bg-brand-100 text-slate-900 dark:bg-brand-900 dark:text-slate-50"
        : "bg-white text-slate-900 dark:bg-slate-800 dark:text-slate-100";
  const failed = message.status === "failed" && message.error;

  return (
    <div
      id={`message-${message.id}`}
      data-message-id={message.id}
      className={`group flex py-1 ${outbound ? "justify-end" : "justify-start"}`}
    >
      <div className={`flex max-w-[85%] items-end gap-1 sm:max-w-[70%] ${outbound ? "flex-row-reverse" : ""}`}>
        <div className="flex min-w-0 flex-col gap-0.5">
          <article className={`min-w-0 rounded-2xl px-3 py-2 shadow-sm ${tone} ${outbound ? "rounded-br-sm" : "rounded-bl-sm"} ${ring}`}>
            {bot ? (
              <p className="mb-0.5 flex items-center gap-1 text-xs font-semibold text-indigo-800 dark:text-indigo-200">
                <Icon name="bot" className="size-3.5" />
                {t("message.from.bot")}
              </p>
            ) : null}
            {automatic ? (
              <p className="mb-0.5 flex items-center gap-1 text-xs font-semibold text-slate-700 dark:text-slate-200">
                {t("message.from.automatic")}
              </p>
            ) : null}
            {message.forwarded ? (
              <p className="mb-0.5 flex items-center gap-1 text-xs text-slate-600 italic dark:text-slate-300">
                <Icon name="forward" className="size-3.5" />
                {message.frequentlyForwarded ? t("message.frequently-forwarded") : t("message.forwarded")}
              </p>
            ) : null}
            {message.referral ? <ReferralBanner referral={message.referral} /> : null}
            {message.replyTo ? <QuotedMessage quoted={quoted} onJump={onJump} /> : null}
            <MessageBody message={message} onOpenMedia={onOpenMedia ? (opener) => onOpenMedia(message, opener) : undefined} />
            {message.erasedAt ? null : slots?.extras?.(message)}
            {message.direction === "inbound" && message.error ? (
              <p className="mt-1 text-xs text-red-700 dark:text-red-400">{t("message.error", { reason: message.error.message })}</p>
            ) : null}
            {failed ? (
              <p className="mt-1 text-xs text-red-700 dark:text-red-400">{t("message.failed", { reason: message.error?.message ?? "" })}</p>
            ) : null}
            <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-slate-600 dark:text-slate-300">
              {message.erasedAt ? null : slots?.meta?.(message)}
              <time dateTime={message.createdAt} title={format.dateTime(message.createdAt)}>
                {format.time(message.createdAt)}
              </time>
              <StatusTicks message={message} />
            </p>
          </article>
          <div className={`flex ${outbound ? "justify-end" : "justify-start"} px-2`}>
            <ReactionList reactions={message.reactions} />
          </div>
        </div>
        {onReply && message.waMessageId ? (
          <IconButton
            icon="reply"
            label={t("message.reply")}
            onClick={() => onReply(message)}
            className="opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 focus-visible:opacity-100 [@media(hover:none)]:opacity-100"
          />
        ) : null}
      </div>
    </div>
  );
}
