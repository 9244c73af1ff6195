import type { BotAnswer, EngineName } from "@papo/copilot";
import type { DbOrTx } from "../../db/client.ts";
import type { Deps } from "../../deps.ts";
import { type Conversation, createConversationsRepo } from "../conversations/repo.ts";
import type { OutboundDocument } from "../messages/outbound.ts";
import { createMessagesRepo } from "../messages/repo.ts";
import { recordOutboundMessage } from "../reports/facts.ts";

/** How the bot names itself in the audit log. */
export const BOT_ACTOR = { type: "system" as const, id: "bot" };

/** A bot message's stored content: the request the send worker sends, and what the console shows about its origin. */
export interface BotDocument extends OutboundDocument {
  bot: { citation: BotAnswer["citation"]; engine: EngineName };
}

/**
 * Queues a text from the bot in the caller's transaction. The idempotency key ties it to what caused it (the customer
 * message, the handoff), so a task run twice sends once. Returns the new message's id, or null when it was queued
 * before. The caller emits `message.created` and kicks the send worker after the commit.
 */
export async function queueBotMessage(
  tx: DbOrTx,
  deps: Pick<Deps, "cipher" | "clock" | "audit">,
  input: { conversation: Conversation; text: string; idempotencyKey: string; bot: BotDocument["bot"] },
): Promise<string | null> {
  const { conversation, text } = input;
  const now = deps.clock.now();
  const document: BotDocument = { request: { type: "text", body: text }, bot: input.bot };
  const queued = await createMessagesRepo({ db: tx, cipher: deps.cipher }).insertOutbound({
    workspaceId: conversation.workspaceId,
    channelId: conversation.channelId,
    conversationId: conversation.id,
    contactId: conversation.contactId,
    direction: "outbound",
    type: "text",
    senderKind: "bot",
    senderUserId: null,
    text,
    content: document,
    status: "queued",
    idempotencyKey: input.idempotencyKey,
    nextAttemptAt: now,
    createdAt: now,
  });
  if (!queued.created) return null;
  await createConversationsRepo({ db: tx }).recordOutbound(conversation.workspaceId, conversation.id, now);
  await recordOutboundMessage(tx, {
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    channelId: conversation.channelId,
    type: "text",
    at: now,
    senderKind: "bot",
    senderUserId: null,
    campaignId: null,
  });
  await deps.audit.record(
    {
      workspaceId: conversation.workspaceId,
      actor: BOT_ACTOR,
      action: "message.sent",
      target: { type: "message", id: queued.message.id },
      details: {
        type: "text",
        conversationId: conversation.id,
        contactId: conversation.contactId,
        channelId: conversation.channelId,
        engine: input.bot.engine,
        ...(input.bot.citation ? { citation: { kind: input.bot.citation.kind, id: input.bot.citation.id } } : {}),
      },
    },
    { tx },
  );
  return queued.message.id;
}

/** Whether Meta still takes a free-form message in this conversation (the 24-hour customer service window). */
export const windowOpen = (conversation: Conversation, now: Date): boolean =>
  conversation.windowExpiresAt !== null && conversation.windowExpiresAt > now;
