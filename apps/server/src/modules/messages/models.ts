import type { DeliveryStatus, EventError, InboundContent, MessageContext } from "@papo/whatsapp";
import type { MessageStatus } from "../../db/schema/messages.ts";

/** What an inbound message stores in its encrypted `content` column. */
export interface InboundDocument {
  content: InboundContent;
  context?: MessageContext;
  errors?: EventError[];
}

/**
 * The customer's own words in any inbound content — the text, a caption, a chosen reply, a place's name — or null
 * when the content has none (a photo without caption, a sticker). Conversation previews show it beside a type icon.
 */
export function inboundWords(content: InboundContent): string | null {
  switch (content.type) {
    case "text":
      return content.body;
    case "image":
    case "video":
    case "document":
      return content.media.caption ?? null;
    case "location":
      return [content.name, content.address].filter(Boolean).join(" — ") || null;
    case "contacts":
      return content.contacts.map((c) => c.name.formattedName).join(", ") || null;
    case "interactive":
      return content.reply.type === "nfm_reply" ? (content.reply.body ?? null) : content.reply.title;
    case "button":
      return content.text;
    case "reaction":
      return content.emoji;
    case "order":
    case "system":
      return content.type === "order" ? (content.text ?? null) : (content.body ?? null);
    case "edit":
      return content.edited ? inboundWords(content.edited) : null;
    default:
      return null;
  }
}

/**
 * A readable one-line summary of any inbound content: its words, or a short description in brackets (pt-BR, the
 * product's first language) for content without words. The simple `/receive-message` feed and notifications show
 * it; the structured content stays in `content`.
 */
export function summarizeInbound(content: InboundContent): string | null {
  const words = inboundWords(content);
  if (words !== null && words !== "") return words;
  switch (content.type) {
    case "image":
      return "[imagem]";
    case "video":
      return "[vídeo]";
    case "document":
      return content.media.filename ? `[documento: ${content.media.filename}]` : "[documento]";
    case "audio":
      return content.voice ? "[mensagem de voz]" : "[áudio]";
    case "sticker":
      return "[figurinha]";
    case "location":
      return `[localização: ${content.latitude}, ${content.longitude}]`;
    case "interactive":
      return "[formulário respondido]";
    case "order":
      return `[pedido: ${content.items.length} ${content.items.length === 1 ? "item" : "itens"}]`;
    case "request_welcome":
      return "[cliente abriu a conversa]";
    case "unsupported":
      return `[mensagem não suportada${content.unsupportedType ? `: ${content.unsupportedType}` : ""}]`;
    case "revoke":
      return "[mensagem apagada pelo cliente]";
    case "edit":
      return content.edited ? summarizeInbound(content.edited) : "[mensagem editada]";
    case "unknown":
      return `[tipo de mensagem desconhecido: ${content.reportedType}]`;
    default:
      return words;
  }
}

const DELIVERY: Partial<Record<MessageStatus, DeliveryStatus>> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  played: "played",
  failed: "failed",
};

/**
 * The delivery status to compare a status webhook against. Local states before Meta's first status (queued, sending,
 * accepted) compare as "none yet"; so does a local failure whose outcome was unknown, which a status from Meta proves wrong.
 */
export function deliveryStatusOf(row: { status: MessageStatus; errorCode: string | null }): DeliveryStatus | null {
  if (row.status === "failed" && row.errorCode === SEND_OUTCOME_UNKNOWN) return null;
  return DELIVERY[row.status] ?? null;
}

/** Local error code: the Graph call's answer was lost, so whether Meta accepted the message is unknown. */
export const SEND_OUTCOME_UNKNOWN = "papo.send_outcome_unknown";

export const STATUS_TIMESTAMP_COLUMN = {
  sent: "sentAt",
  delivered: "deliveredAt",
  read: "readAt",
  played: "playedAt",
  failed: "failedAt",
} as const satisfies Record<DeliveryStatus, string>;
