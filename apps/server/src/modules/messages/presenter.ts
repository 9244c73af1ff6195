import { lookupErrorCode } from "@papo/whatsapp";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { createInsightsRepo, type MessageInsightsDto } from "../copilot/insights-repo.ts";
import { createMediaRepo, type MediaRecord } from "../media/repo.ts";
import type { InboundDocument } from "./models.ts";
import type { OutboundDocument } from "./outbound.ts";
import { createMessagesRepo, type Reaction, type StoredMessage } from "./repo.ts";
import type { MessageDto } from "./schemas.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Agent-readable text for an error code, in Portuguese first (the console translates by code later). A retryable code
 * on a message that finally failed must not promise another attempt.
 */
function errorMessage(code: string, title: string | null, status: string): string {
  const info = /^\d+$/.test(code) ? lookupErrorCode(Number(code)) : undefined;
  if (info?.category === "retryable" && status === "failed") {
    return `O WhatsApp não aceitou a mensagem depois de várias tentativas (${info.title}). Tente reenviar mais tarde.`;
  }
  if (info) return info.agentMessage["pt-BR"];
  if (code === "papo.send_outcome_unknown")
    return "O servidor parou durante o envio; a mensagem não foi reenviada para evitar duplicidade. Confira com o cliente.";
  return title ?? "Falha no envio";
}

/**
 * Shapes stored messages for the API: one query each for their media, reactions and quoted messages, whatever the
 * page size.
 */
export async function presentMessages({
  db,
  cipher,
  workspaceId,
  messages,
}: {
  db: DbOrTx;
  cipher: FieldCipher;
  workspaceId: string;
  messages: StoredMessage[];
}): Promise<MessageDto[]> {
  if (messages.length === 0) return [];
  const mediaRepo = createMediaRepo({ db, cipher });
  const repo = createMessagesRepo({ db, cipher });
  const media = new Map<string, MediaRecord>();
  for (const id of new Set(messages.flatMap((m) => (m.mediaId ? [m.mediaId] : [])))) {
    const record = await mediaRepo.get(workspaceId, id);
    if (record) media.set(id, record);
  }
  const reactions = new Map<string, Reaction[]>();
  for (const [channelId, group] of groupBy(messages, (m) => m.channelId)) {
    const found = await repo.reactionsFor(
      workspaceId,
      channelId,
      group.flatMap((m) => (m.waMessageId ? [m.waMessageId] : [])),
    );
    for (const [wamid, list] of found) reactions.set(`${channelId}:${wamid}`, list);
  }
  const quoted = new Map<string, string>();
  for (const m of messages) {
    if (!m.replyToWamid) continue;
    const target = await repo.getByWamid(workspaceId, m.channelId, m.replyToWamid);
    if (target) quoted.set(`${m.channelId}:${m.replyToWamid}`, target.id);
  }
  // Language, sentiment and transcript (modules/copilot): one query for the page.
  const insights = await createInsightsRepo({ db, cipher }).forMessages(
    workspaceId,
    messages.map((m) => m.id),
  );
  return messages.map((m) => present(m, media, reactions, quoted, insights));
}

/** What an erased message (data-subject erasure or retention, modules/privacy) shows instead of its content. */
export const ERASED_MESSAGE_TEXT = "Conteúdo apagado (LGPD)";

function present(
  m: StoredMessage,
  media: Map<string, MediaRecord>,
  reactions: Map<string, Reaction[]>,
  quoted: Map<string, string>,
  insights: Map<string, MessageInsightsDto>,
): MessageDto {
  const dto: MessageDto = {
    id: m.id,
    conversationId: m.conversationId,
    contactId: m.contactId,
    channelId: m.channelId,
    direction: m.direction,
    type: m.type,
    senderKind: m.senderKind,
    senderUserId: m.senderUserId,
    text: m.text,
    status: m.status,
    waMessageId: m.waMessageId,
    createdAt: m.createdAt.toISOString(),
    statusTimestamps: {
      sentAt: iso(m.sentAt),
      deliveredAt: iso(m.deliveredAt),
      readAt: iso(m.readAt),
      playedAt: iso(m.playedAt),
      failedAt: iso(m.failedAt),
    },
    reactions: (m.waMessageId ? (reactions.get(`${m.channelId}:${m.waMessageId}`) ?? []) : []).flatMap((r) =>
      r.emoji ? [{ emoji: r.emoji, by: r.actor, at: r.reactedAt.toISOString() }] : [],
    ),
    forwarded: m.forwarded,
    frequentlyForwarded: m.frequentlyForwarded,
    content: m.content,
    insights: insights.get(m.id) ?? null,
  };
  if (m.mediaId) {
    const record = media.get(m.mediaId);
    if (record)
      dto.media = { id: record.id, mimeType: record.mimeType, filename: record.filename, size: record.size, status: record.status };
  }
  if (m.replyToWamid) dto.replyTo = { waMessageId: m.replyToWamid, messageId: quoted.get(`${m.channelId}:${m.replyToWamid}`) ?? null };
  if (m.referral) dto.referral = m.referral;
  if (m.contentErasedAt) {
    // Erased: only the facts stay (type, direction, status, times); the stored content is the `{"erased":true}` marker.
    dto.text = ERASED_MESSAGE_TEXT;
    dto.erasedAt = m.contentErasedAt.toISOString();
    dto.insights = null;
    return dto;
  }
  if (m.errorCode)
    dto.error = {
      code: m.errorCode,
      title: m.errorTitle,
      details: m.errorDetails,
      message: errorMessage(m.errorCode, m.errorTitle, m.status),
    };
  if (m.direction === "inbound") {
    const { content } = m.content as InboundDocument;
    if (content.type === "location") dto.location = withoutType(content);
    if (content.type === "contacts") dto.contacts = content.contacts;
    if (content.type === "interactive") dto.interactive = content.reply;
    if (content.type === "button") dto.interactive = { type: "template_button", payload: content.payload, text: content.text };
    if (content.type === "order") dto.order = withoutType(content);
    if (content.type === "system") dto.system = withoutType(content);
    if (content.type === "audio" && dto.media) dto.media.voice = content.voice;
    if (content.type === "sticker" && dto.media) dto.media.animated = content.animated;
  } else {
    const { request } = m.content as OutboundDocument;
    if (request.type === "location") dto.location = withoutType(request);
    if (request.type === "contacts") dto.contacts = request.contacts;
    if (
      request.type === "buttons" ||
      request.type === "list" ||
      request.type === "cta_url" ||
      request.type === "flow" ||
      request.type === "location_request"
    )
      dto.interactive = request;
    if (request.type === "template")
      dto.template = { name: request.name, language: request.language, components: request.components ?? [] };
    if (request.type === "audio" && dto.media) dto.media.voice = request.voice ?? false;
  }
  return dto;
}

function withoutType<T extends { type: string }>(value: T): Omit<T, "type"> {
  const { type: _type, ...rest } = value;
  return rest;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
