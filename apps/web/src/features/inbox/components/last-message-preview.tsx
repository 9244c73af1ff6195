import { Icon, type IconName } from "../../../components/ui/icon.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { LastMessage } from "../../../lib/api-types.ts";

/** Each message type's icon and name, for previews without words (a photo without caption, a sticker…). */
const KINDS: Record<string, { icon: IconName; label: TranslationKey }> = {
  image: { icon: "image", label: "message.image" },
  video: { icon: "video", label: "message.video" },
  audio: { icon: "mic", label: "message.audio" },
  voice: { icon: "mic", label: "message.voice" },
  document: { icon: "file", label: "message.document" },
  sticker: { icon: "smile", label: "message.sticker" },
  location: { icon: "pin", label: "message.location" },
  location_request: { icon: "pin", label: "message.interactive.location-request" },
  contacts: { icon: "user", label: "message.contacts" },
  interactive: { icon: "list", label: "message.interactive.button-reply" },
  buttons: { icon: "list", label: "inbox.preview.buttons" },
  list: { icon: "list", label: "inbox.preview.buttons" },
  cta_url: { icon: "external", label: "inbox.preview.buttons" },
  flow: { icon: "list", label: "message.interactive.flow" },
  button: { icon: "list", label: "message.interactive.template-button" },
  template: { icon: "template", label: "inbox.preview.template" },
  order: { icon: "cart", label: "message.order" },
  system: { icon: "info", label: "message.system" },
  request_welcome: { icon: "info", label: "message.request-welcome" },
  revoke: { icon: "x", label: "message.revoked" },
};

function deliveryIcon(status: LastMessage["status"]): { icon: IconName; className: string } {
  if (status === "failed") return { icon: "alert", className: "text-red-700 dark:text-red-400" };
  if (status === "queued" || status === "sending") return { icon: "clock", className: "text-slate-500" };
  if (status === "read" || status === "played") return { icon: "checks", className: "text-sky-600 dark:text-sky-400" };
  if (status === "delivered") return { icon: "checks", className: "text-slate-500" };
  return { icon: "check", className: "text-slate-500" };
}

/**
 * One line under the contact's name: who wrote last (ticks for our messages, a robot for the bot's), the type's icon
 * and the words, or the type's name when there are none. Customer text is rendered as text, never as HTML.
 */
export function LastMessagePreview({ message }: { message: LastMessage | null }) {
  const t = useT();
  if (!message) return null;
  const kind = KINDS[message.type];
  const words = message.text ?? (kind ? t(kind.label) : t("inbox.preview.message"));
  const ours = message.direction === "outbound";
  const delivery = ours && message.senderKind !== "bot" ? deliveryIcon(message.status) : null;
  return (
    <span className="mt-0.5 flex min-w-0 items-center gap-1 text-xs text-slate-600 dark:text-slate-300" data-testid="last-message">
      {delivery ? (
        <span role="img" aria-label={t(`message.status.${message.status}`)} className={`inline-flex shrink-0 ${delivery.className}`}>
          <Icon name={delivery.icon} className="size-3.5" />
        </span>
      ) : null}
      {ours && message.senderKind === "bot" ? (
        <span role="img" aria-label={t("inbox.preview.by-bot")} className="inline-flex shrink-0">
          <Icon name="bot" className="size-3.5" />
        </span>
      ) : null}
      {kind && message.text !== null ? (
        <span role="img" aria-label={t(kind.label)} className="inline-flex shrink-0">
          <Icon name={kind.icon} className="size-3.5" />
        </span>
      ) : kind ? (
        <span aria-hidden="true" className="inline-flex shrink-0">
          <Icon name={kind.icon} className="size-3.5" />
        </span>
      ) : null}
      <span className={`truncate ${message.text === null ? "italic" : ""}`}>
        {ours && message.senderKind === "agent" ? <span className="sr-only">{t("inbox.preview.you")} </span> : null}
        {words}
      </span>
    </span>
  );
}
