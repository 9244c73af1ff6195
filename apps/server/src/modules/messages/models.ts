import type { DeliveryStatus, EventError, InboundContent, MessageContext } from "@papo/whatsapp";
import type { MessageStatus } from "../../db/schema/messages.ts";

/** What an inbound message stores in its encrypted `content` column. */
export interface InboundDocument {
  content: InboundContent;
  context?: MessageContext;
  errors?: EventError[];
}

/**
 * A readable one-line summary of any inbound content: the text, the caption, or a short description in brackets
 * (pt-BR, the product's first language) for content without words. Lists, notifications and the simple
 * `/receive-message` feed show it; the structured content stays in `content`.
 */
export function summarizeInbound(content: InboundContent): string | null {
  switch (content.type) {
    case "text":
      return content.body;
    case "image":
      return content.media.caption ?? "[imagem]";
    case "video":
      return content.media.caption ?? "[vídeo]";
    case "document":
      return content.media.caption ?? (content.media.filename ? `[documento: ${content.media.filename}]` : "[documento]");
    case "audio":
      return content.voice ? "[mensagem de voz]" : "[áudio]";
    case "sticker":
      return "[figurinha]";
    case "location":
      return [content.name, content.address].filter(Boolean).join(" — ") || `[localização: ${content.latitude}, ${content.longitude}]`;
    case "contacts":
      return content.contacts.map((c) => c.name.formattedName).join(", ");
    case "interactive":
      return content.reply.type === "nfm_reply" ? (content.reply.body ?? "[formulário respondido]") : content.reply.title;
    case "button":
      return content.text;
    case "reaction":
      return content.emoji;
    case "order":
      return content.text ?? `[pedido: ${content.items.length} ${content.items.length === 1 ? "item" : "itens"}]`;
    case "system":
      return content.body ?? null;
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
