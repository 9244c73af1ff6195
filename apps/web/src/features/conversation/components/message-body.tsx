import { FormattedText } from "../../../components/formatted-text.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { Message } from "../../../lib/api-types.ts";
import { reactionEmojiOf, unsupportedTypeOf } from "../utils/message-content.ts";
import { ContactCards } from "./contact-cards.tsx";
import { DocumentContent } from "./document-content.tsx";
import { InteractiveContent } from "./interactive-content.tsx";
import { LocationContent } from "./location-content.tsx";
import { AudioContent, ImageContent, type OpenMedia, StickerContent, VideoContent } from "./media-content.tsx";
import { OrderContent } from "./order-content.tsx";
import { TemplateContent } from "./template-content.tsx";

const INTERACTIVE_TYPES = new Set(["interactive", "button", "buttons", "list", "cta_url", "flow", "location_request"]);

function Notice({ children }: { children: string }) {
  return <p className="text-sm text-slate-600 italic dark:text-slate-300">{children}</p>;
}

/**
 * The content of one message, by WhatsApp type. Types this console does not know show a clear placeholder.
 * `onOpenMedia` makes images and videos open in the full-screen viewer.
 */
export function MessageBody({ message, onOpenMedia }: { message: Message; onOpenMedia?: OpenMedia }) {
  const t = useT();
  // Erased (LGPD erasure or retention): whatever the type, there is nothing left to show.
  if (message.erasedAt) return <Notice>{t("privacy.erased-message")}</Notice>;
  switch (message.type) {
    case "text":
      return <FormattedText text={message.text ?? ""} />;
    case "image":
      return <ImageContent message={message} onOpen={onOpenMedia} />;
    case "video":
      return <VideoContent message={message} onOpen={onOpenMedia} />;
    case "audio":
      return <AudioContent message={message} />;
    case "sticker":
      return <StickerContent message={message} />;
    case "document":
      return <DocumentContent message={message} />;
    case "location":
      return message.location ? <LocationContent location={message.location} /> : <Notice>{t("message.location")}</Notice>;
    case "contacts":
      return <ContactCards cards={message.contacts ?? []} />;
    case "template":
      return message.template ? <TemplateContent template={message.template} /> : <FormattedText text={message.text ?? ""} />;
    case "order":
      return message.order ? <OrderContent order={message.order} /> : <Notice>{t("message.order")}</Notice>;
    case "system":
      if (message.system?.systemType.includes("changed_number")) {
        return <Notice>{`${t("message.system.number-changed")}${message.system.newWaId ? ` (${message.system.newWaId})` : ""}`}</Notice>;
      }
      return <Notice>{message.system?.body ?? message.text ?? t("message.system")}</Notice>;
    case "request_welcome":
      return <Notice>{t("message.request-welcome")}</Notice>;
    case "revoke":
      return <Notice>{t("message.revoked")}</Notice>;
    case "edit":
      return (
        <span>
          <FormattedText text={message.text ?? ""} />{" "}
          <span className="text-xs text-slate-600 dark:text-slate-300">({t("message.edited")})</span>
        </span>
      );
    case "reaction": {
      const emoji = reactionEmojiOf(message);
      return <Notice>{emoji ? t("message.reaction-sent", { emoji }) : t("message.reaction-removed")}</Notice>;
    }
    case "unsupported":
    case "unknown":
      return <Notice>{t("message.unsupported", { type: unsupportedTypeOf(message) })}</Notice>;
    default:
      if (INTERACTIVE_TYPES.has(message.type) && message.interactive) return <InteractiveContent interactive={message.interactive} />;
      return <Notice>{t("message.unknown-type", { type: message.type })}</Notice>;
  }
}
