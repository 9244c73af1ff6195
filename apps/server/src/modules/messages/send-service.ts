import { buildMessageBody, mediaKindOf, WhatsAppValidationError } from "@papo/whatsapp";
import type { Clock } from "../../clock.ts";
import type { ServiceContext } from "../../context.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db } from "../../db/client.ts";
import type { Deps } from "../../deps.ts";
import type { EventBus } from "../../events/bus.ts";
import { AppError, badRequest, notFound } from "../../http/errors.ts";
import { type AuditTrail, actorOf } from "../audit/trail.ts";
import { type Channel, createChannelsRepo } from "../channels/repo.ts";
import { type TemplateCategoryLookup, templateCategoryLookupOf } from "../channels/templates.ts";
import { canReceiveMarketing } from "../consent/service.ts";
import { type Contact, createContactsRepo } from "../contacts/repo.ts";
import { type Conversation, createConversationsRepo } from "../conversations/repo.ts";
import { createMediaRepo } from "../media/repo.ts";
import { recordOutboundMessage } from "../reports/facts.ts";
import { indexMessage } from "../search/terms-repo.ts";
import { apiFieldOf, fieldAt, mediaIdsOf, mediaRefsOf, type OutboundDocument, summarizeOutbound, toOutboundMessage } from "./outbound.ts";
import { createMessagesRepo, type StoredMessage } from "./repo.ts";
import type { SendMessageBody } from "./schemas.ts";

export interface SendDeps {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  events: EventBus;
  /** Wakes the send worker once the message is committed. */
  onQueued: () => void;
  /**
   * The category of a template at Meta: a MARKETING template goes only to contacts with marketing consent (LGPD).
   * Without it (Papo's own system messages) templates are not checked.
   */
  templateCategory?: TemplateCategoryLookup;
  /** `message.sent` is recorded in the same transaction as the message (ids and type only, never the content). */
  audit: AuditTrail;
}

/**
 * The send path's dependencies as requests and the scheduler use them: the application's database, its send worker's
 * kick and its (cached) template-category lookup for the marketing-consent check.
 */
export function sendDepsOf(deps: Deps): SendDeps {
  return {
    db: deps.database.db,
    cipher: deps.cipher,
    clock: deps.clock,
    events: deps.events,
    onQueued: deps.kick.send,
    audit: deps.audit,
    templateCategory: templateCategoryLookupOf(deps),
  };
}

/**
 * Validates and queues an outbound message: the conversation's window (templates only after 24 h), the referenced
 * message and media, and Meta's limits — all before anything is stored. The message is stored `queued` and the send
 * worker delivers it; with an idempotency key already used, the earlier message is returned and nothing is sent again.
 */
export async function queueMessage({
  ctx,
  conversationId,
  body,
  idempotencyKey,
  campaignId,
  senderKind,
  ip,
  deps,
}: {
  ctx: ServiceContext;
  conversationId: string;
  body: SendMessageBody;
  idempotencyKey?: string | undefined;
  /** The campaign the message belongs to: the send worker paces it at the campaign's rate (modules/campaigns). */
  campaignId?: string | undefined;
  /** Papo's own sends (campaigns) are `system`, not a bot's turn. */
  senderKind?: "system" | undefined;
  /** The caller's address, for the audit record. */
  ip?: string | undefined;
  deps: SendDeps;
}): Promise<{ message: StoredMessage; created: boolean }> {
  const { db, cipher, clock } = deps;
  const ws = ctx.workspaceId;
  const messages = createMessagesRepo({ db, cipher });

  if (idempotencyKey) {
    const earlier = await messages.getByIdempotencyKey(ws, idempotencyKey);
    // A key names one send: reused for another conversation it is a caller's mistake, and the earlier message (which the
    // caller may not be allowed to see) is not handed back.
    if (earlier && earlier.conversationId !== conversationId)
      throw new AppError({
        code: "messages.idempotency_key_reused",
        status: 409,
        message: "Idempotency-Key: already used for a message in another conversation",
        details: { field: "Idempotency-Key" },
      });
    if (earlier) return { message: earlier, created: false };
  }

  const { conversation, contact, channel, document } = await validateOutbound({ ctx, conversationId, body, deps });
  const now = clock.now();

  let takenOver = false;
  const result = await db.transaction(async (tx) => {
    const txMessages = createMessagesRepo({ db: tx, cipher });
    const inserted = await txMessages.insertOutbound({
      workspaceId: ws,
      channelId: channel.id,
      conversationId: conversation.id,
      contactId: contact.id,
      direction: "outbound",
      type: body.type,
      senderKind: senderKind ?? (ctx.actor.type === "user" ? "agent" : "bot"),
      senderUserId: ctx.actor.type === "user" ? ctx.actor.userId : null,
      text: summarizeOutbound(body),
      content: document,
      status: "queued",
      replyToWamid: body.type === "reaction" ? null : (document.targetWamid ?? null),
      idempotencyKey: idempotencyKey ?? null,
      campaignId: campaignId ?? null,
      mediaId: mediaIdsOf(body)[0] ?? null,
      nextAttemptAt: now,
      createdAt: now,
    });
    if (inserted.created) {
      const txConversations = createConversationsRepo({ db: tx });
      await txConversations.recordOutbound(ws, conversation.id, now);
      await recordOutboundMessage(tx, {
        workspaceId: ws,
        conversationId: conversation.id,
        channelId: channel.id,
        type: body.type,
        at: now,
        senderKind: inserted.message.senderKind,
        senderUserId: inserted.message.senderUserId,
        campaignId: campaignId ?? null,
        // The scheduler's key (modules/scheduling): written ahead of time, not an answer to the customer's wait.
        scheduled: idempotencyKey?.startsWith("scheduled:") === true,
      });
      // A person who writes in a bot's conversation has taken it over: the bot must not answer beside them.
      if (ctx.actor.type === "user" && conversation.handledBy === "bot") {
        await txConversations.update(ws, conversation.id, { handledBy: "human" });
        takenOver = true;
      }
      await indexMessage(tx, cipher, inserted.message);
      await deps.audit.record(
        {
          workspaceId: ws,
          actor: actorOf(ctx),
          action: "message.sent",
          target: { type: "message", id: inserted.message.id },
          details: { type: body.type, conversationId: conversation.id, contactId: contact.id, channelId: channel.id },
          ...(ip ? { ip } : {}),
        },
        { tx },
      );
    }
    return inserted;
  });
  if (result.created) {
    deps.events.emit({ type: "message.created", workspaceId: ws, conversationId: conversation.id, messageId: result.message.id });
    if (takenOver) deps.events.emit({ type: "conversation.updated", workspaceId: ws, conversationId: conversation.id });
    deps.onQueued();
  }
  return result;
}

/**
 * Everything `queueMessage` checks before storing, in the same order: the conversation, its contact and number, the
 * window (unless `window: false`), a marketing template's consent (unless `consent: false`), the quoted message, the
 * media, and Meta's limits. A scheduled message is checked this way when it is scheduled, without the window and
 * consent, which are judged again at its time.
 */
export async function validateOutbound({
  ctx,
  conversationId,
  body,
  deps,
  checks = { window: true, consent: true },
}: {
  ctx: ServiceContext;
  conversationId: string;
  body: SendMessageBody;
  deps: Pick<SendDeps, "db" | "cipher" | "clock" | "templateCategory">;
  checks?: { window: boolean; consent: boolean };
}): Promise<{ conversation: Conversation; contact: Contact; channel: Channel; document: OutboundDocument }> {
  const { db, cipher } = deps;
  const ws = ctx.workspaceId;
  const messages = createMessagesRepo({ db, cipher });
  const conversation = await createConversationsRepo({ db }).get(ws, conversationId);
  if (!conversation) throw notFound("conversations", conversationId);
  const contact = await createContactsRepo({ db, cipher }).get(ws, conversation.contactId);
  if (!contact?.waId && !contact?.userId) {
    throw new AppError({
      code: "contacts.no_whatsapp_id",
      status: 422,
      message: "The contact has no WhatsApp number or user id to send to",
    });
  }
  const channel = await createChannelsRepo({ db, cipher }).get(ws, conversation.channelId);
  if (!channel) throw notFound("channels", conversation.channelId);

  const now = deps.clock.now();
  if (checks.window && body.type !== "template" && !(conversation.windowExpiresAt && conversation.windowExpiresAt > now)) {
    throw new AppError({
      code: "messages.window_closed",
      status: 422,
      message: conversation.windowExpiresAt
        ? `The 24-hour customer service window closed at ${conversation.windowExpiresAt.toISOString()}: only an approved template can be sent until the customer writes again`
        : "The customer has not written in the last 24 hours: only an approved template can be sent",
      details: { windowExpiresAt: conversation.windowExpiresAt?.toISOString() ?? null, use: "template" },
    });
  }

  if (checks.consent && body.type === "template" && deps.templateCategory) {
    await assertTemplateAllowed({ deps, templateCategory: deps.templateCategory, channel, contactId: contact.id, body });
  }

  const document: OutboundDocument = { request: body };
  const targetId = body.type === "reaction" ? body.messageId : body.replyTo;
  if (targetId) {
    const target = await messages.get(ws, targetId);
    const field = body.type === "reaction" ? "messageId" : "replyTo";
    if (!target || target.conversationId !== conversation.id)
      throw badRequest("messages.target_not_found", `${field}: no message ${targetId} in this conversation`);
    if (!target.waMessageId)
      throw badRequest("messages.target_not_sent", `${field}: message ${targetId} has no WhatsApp id yet (not sent)`);
    document.targetWamid = target.waMessageId;
  }

  // Exactly one source per media, named by the API's field (the library would say `image` or `interactive.header.image`).
  const refs = mediaRefsOf(body);
  for (const ref of refs) {
    const field = fieldAt(ref.at, "mediaId");
    if (ref.mediaId && ref.link) throw badRequest("messages.invalid", `${field}: give either mediaId or link, not both`, { field });
    if (!ref.mediaId && !ref.link)
      throw badRequest("messages.invalid", `${field}: give a mediaId (from POST /api/v1/media) or a link`, { field });
  }
  const mediaRepo = createMediaRepo({ db, cipher });
  for (const ref of refs) {
    if (!ref.mediaId) continue;
    const field = fieldAt(ref.at, "mediaId");
    const record = await mediaRepo.get(ws, ref.mediaId);
    if (record?.status !== "stored") throw badRequest("media.not_found", `${field}: no stored media ${ref.mediaId}`, { field });
    // Meta would fail an image message carrying a PDF only later, in a status; a document may carry any accepted file.
    const kind = record.mimeType ? mediaKindOf({ mimeType: record.mimeType }) : undefined;
    if (ref.kind !== "document" && kind !== ref.kind) {
      const message = `${field}: media ${ref.mediaId} is ${record.mimeType ?? "of unknown type"}, not ${ref.kind}`;
      throw badRequest("media.type_mismatch", message, { field });
    }
  }

  try {
    // Meta's limits, checked now with stand-in ids so the caller hears about a 4097-character text at once.
    buildMessageBody(
      toOutboundMessage({
        document,
        to: contact.waId ? `+${contact.waId}` : undefined,
        recipient: contact.userId ?? undefined,
        resolveMedia: () => "0",
      }),
    );
  } catch (error) {
    if (error instanceof WhatsAppValidationError) {
      const issues = error.issues.map((issue) => ({ field: apiFieldOf(issue.path), message: issue.message, wirePath: issue.path }));
      const first = issues[0];
      throw badRequest("messages.invalid", first ? `${first.field}: ${first.message}` : error.message, { issues });
    }
    throw error;
  }
  return { conversation, contact, channel, document };
}

/**
 * A MARKETING template needs the contact's marketing consent (modules/consent). When Meta cannot say what the template
 * is, a contact with marketing consent still gets it; one without is refused with a retryable 503 rather than risk
 * sending marketing without consent.
 */
async function assertTemplateAllowed({
  deps,
  templateCategory,
  channel,
  contactId,
  body,
}: {
  deps: Pick<SendDeps, "db">;
  templateCategory: TemplateCategoryLookup;
  channel: Channel;
  contactId: string;
  body: Extract<SendMessageBody, { type: "template" }>;
}): Promise<void> {
  const workspaceId = channel.workspaceId;
  const consented = () => canReceiveMarketing({ db: deps.db, workspaceId, contactId });
  let category: string | undefined;
  try {
    category = await templateCategory(channel, body.name, body.language);
  } catch {
    if (await consented()) return;
    throw new AppError({
      code: "consent.template_category_unknown",
      status: 503,
      message: `WhatsApp could not say whether template ${body.name} is marketing, and the contact has not granted marketing consent: try again`,
      details: { field: "name", retryable: true },
    });
  }
  if (category === "MARKETING" && !(await consented())) {
    throw new AppError({
      code: "consent.marketing_not_allowed",
      status: 422,
      message: `name: ${body.name} is a marketing template, and the contact has not granted marketing consent (or withdrew it)`,
      details: { field: "name", contactId },
    });
  }
}
