import { createHash, randomBytes } from "node:crypto";
import type { InboundMessageEvent, StatusEvent, WebhookEvent, WhatsAppUser } from "@papo/whatsapp";
import { asc, eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { Clock } from "../../clock.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { channels } from "../../db/schema/channels.ts";
import { platformEvents } from "../../db/schema/webhook-events.ts";
import type { DomainEvent, EventBus } from "../../events/bus.ts";
import { startWithBotIfEnabled } from "../bot/opening.ts";
import { type Channel, createChannelsRepo } from "../channels/repo.ts";
import { applyConsentKeywords } from "../consent/inbound.ts";
import { type Contact, type ContactsRepo, createContactsRepo } from "../contacts/repo.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import { createCopilotTasksRepo } from "../copilot/tasks-repo.ts";
import { createMediaRepo } from "../media/repo.ts";
import { type InboundDocument, summarizeInbound } from "../messages/models.ts";
import { createMessagesRepo } from "../messages/repo.ts";
import { applyStatus } from "../messages/status-service.ts";
import { recordInboundMessage } from "../reports/facts.ts";
import { indexMessage } from "../search/terms-repo.ts";
import { applyTemplateEvent, isTemplateEvent, type TemplateEvent } from "../templates/apply-event.ts";
import { appSecretFingerprint } from "./repo.ts";

export interface IngestDeps {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  events: EventBus;
  log: Logger;
  /** Called after a commit that created media to download. */
  onMediaPending?: () => void;
  /** Called after a commit that queued inbound analysis (modules/copilot). */
  onAnalysisPending?: () => void;
  /** The operator's WHATSAPP_APP_SECRET: bodies it signed may reach any channel. */
  globalAppSecret?: string | undefined;
  /** Called when a template webhook names a template Papo has not synced yet: read that WABA (modules/templates). */
  onTemplateUnknown?: (workspaceId: string, wabaId: string) => void;
}

/** Meta: "more than 24 hours have passed since the customer last replied". */
const WINDOW_CLOSED = 131047;
const NUMBER_CHANGES = new Set(["user_changed_number", "customer_changed_number"]);

/**
 * Applies normalised webhook events to the database, one transaction per event: contact by wa_id or BSUID,
 * conversation reused or opened, message stored once (unique wamid), statuses applied monotonically. Every step is
 * idempotent, so reprocessing a webhook after a crash changes nothing twice.
 */
export function createIngest(deps: IngestDeps) {
  const { db, cipher, log } = deps;

  async function routeChannel(phoneNumberId: string | undefined): Promise<Channel | undefined> {
    if (!phoneNumberId) return undefined;
    return createChannelsRepo({ db, cipher }).findByPhoneNumberId(phoneNumberId);
  }

  /**
   * Applies one event of a stored webhook body. Records made for it (platform events, quarantine) are keyed by
   * (body, position), so processing the body again adds nothing.
   */
  const globalSigner = deps.globalAppSecret ? appSecretFingerprint(cipher, deps.globalAppSecret) : undefined;
  /** Whether the body's signer may write into this channel: its own app secret, or the operator's global one. */
  const signedFor = (channel: Channel, origin: EventOrigin): boolean =>
    origin.signedBy === undefined ||
    origin.signedBy === null ||
    origin.signedBy === globalSigner ||
    (channel.appSecret !== null && origin.signedBy === appSecretFingerprint(cipher, channel.appSecret));

  async function apply(event: WebhookEvent, origin: EventOrigin): Promise<void> {
    const routed = await routeChannel(event.source?.phoneNumberId);
    if (routed && (event.kind === "message" || event.kind === "status") && !signedFor(routed, origin)) {
      log.warn({ phoneNumberId: routed.phoneNumberId, kind: event.kind }, "webhook signed by another app than the channel's: quarantined");
      return quarantine(event, origin);
    }
    const channel = routed;
    switch (event.kind) {
      case "message":
        if (!channel) return quarantine(event, origin);
        return ingestMessage(channel, event, origin);
      case "status":
        if (!channel) return quarantine(event, origin);
        return ingestStatus(channel, event);
      default:
        return storePlatformEvent(event, origin, channel);
    }
  }

  async function ingestMessage(channel: Channel, event: InboundMessageEvent, origin: EventOrigin): Promise<void> {
    const ws = channel.workspaceId;
    const emitted: DomainEvent[] = [];
    let mediaPending = false;
    let analysisPending = false;
    await db
      .transaction(async (tx) => {
        const contacts = createContactsRepo({ db: tx, cipher });
        const conversations = createConversationsRepo({ db: tx });
        const messages = createMessagesRepo({ db: tx, cipher });
        const contact = await findOrCreateContact(contacts, ws, event.from);
        const content = event.content;

        if (content.type === "reaction") {
          await messages.upsertReaction({
            workspaceId: ws,
            channelId: channel.id,
            reaction: { targetWamid: content.targetWamid, actor: "contact", emoji: content.emoji, reactedAt: event.timestamp },
          });
          const target = await messages.getByWamid(ws, channel.id, content.targetWamid);
          if (target)
            emitted.push({ type: "message.updated", workspaceId: ws, conversationId: target.conversationId, messageId: target.id });
          return;
        }

        if (content.type === "system" && NUMBER_CHANGES.has(content.systemType) && content.newWaId) {
          if (await migrateNumber(contacts, ws, contact, content.newWaId))
            emitted.push({ type: "contact.updated", workspaceId: ws, contactId: contact.id });
          else log.warn({ contactId: contact.id }, "number change not applied: another contact already has the new number");
        }

        const { conversation, opened } = await conversations.openOrReuse(ws, channel.id, contact.id, event.timestamp, "contact");
        // A number in "bot first" mode: the bot takes the new conversation (modules/bot).
        if (opened) await startWithBotIfEnabled(tx, conversation);
        const isCustomerMessage = content.type !== "system";
        let mediaId: string | null = null;
        if ("media" in content) {
          const mediaRepo = createMediaRepo({ db: tx, cipher });
          const record = await mediaRepo.insert({
            workspaceId: ws,
            channelId: channel.id,
            direction: "inbound",
            waMediaId: content.media.id,
            mimeType: content.media.mimeType ?? null,
            sha256: content.media.sha256 ?? null,
            filename: content.media.filename ?? null,
            status: "pending",
          });
          mediaId = record.id;
        }
        const document: InboundDocument = {
          content,
          ...(event.context ? { context: event.context } : {}),
          ...(event.errors.length ? { errors: event.errors } : {}),
        };
        const stored = await messages.insertUnlessDuplicate({
          // Meta stamps whole seconds: the id breaks ties in arrival order, so a burst lists in the order it came.
          id: arrivalOrderedId(origin),
          workspaceId: ws,
          channelId: channel.id,
          conversationId: conversation.id,
          contactId: contact.id,
          direction: "inbound",
          type: content.type,
          senderKind: isCustomerMessage ? "contact" : "system",
          text: summarizeInbound(content),
          content: document,
          status: "received",
          waMessageId: event.wamid,
          replyToWamid: event.context?.replyTo?.wamid ?? null,
          // Meta may flag only `frequently_forwarded`; a message forwarded more than five times was forwarded.
          forwarded: event.context?.forwarded === true || event.context?.frequentlyForwarded === true,
          frequentlyForwarded: event.context?.frequentlyForwarded ?? false,
          referral: event.referral ?? null,
          mediaId,
          errorCode: event.errors[0] ? String(event.errors[0].code) : null,
          errorTitle: event.errors[0]?.title ?? null,
          errorDetails: event.errors[0]?.details ?? null,
          createdAt: event.timestamp,
        });
        if (!stored) {
          // A redelivery: the unique (channel, wamid) index refused it. Undo the media row made for it.
          throw new DuplicateMessage();
        }
        await indexMessage(tx, cipher, stored);
        if (isCustomerMessage) await conversations.recordInbound(ws, conversation.id, event.timestamp);
        if (isCustomerMessage)
          await recordInboundMessage(tx, {
            workspaceId: ws,
            conversationId: conversation.id,
            channelId: channel.id,
            type: content.type,
            at: event.timestamp,
          });
        else await conversations.recordOutbound(ws, conversation.id, event.timestamp);
        // Opt-out/opt-in keywords (modules/consent): once per new message, in this transaction.
        if (isCustomerMessage)
          await applyConsentKeywords({
            tx,
            deps,
            workspaceId: ws,
            channelId: channel.id,
            conversationId: conversation.id,
            contactId: contact.id,
            message: { id: stored.id, content, sentAt: event.timestamp },
            emit: (e) => emitted.push(e),
          });
        // Language, sentiment, transcript and the bot's turn (modules/copilot): queued with the message, run after commit.
        if (isCustomerMessage) {
          await createCopilotTasksRepo({ db: tx }).enqueueAnalysis(ws, stored.id, deps.clock.now());
          analysisPending = true;
        }
        mediaPending = mediaId !== null;
        emitted.push({ type: "message.received", workspaceId: ws, conversationId: conversation.id, messageId: stored.id });
        emitted.push({ type: "conversation.updated", workspaceId: ws, conversationId: conversation.id });
        if (opened) log.debug({ conversationId: conversation.id }, "conversation opened");
      })
      .catch((error: unknown) => {
        if (!(error instanceof DuplicateMessage)) throw error;
        log.debug({ wamid: event.wamid }, "duplicate inbound message ignored");
      });
    for (const e of emitted) deps.events.emit(e);
    if (mediaPending) deps.onMediaPending?.();
    if (analysisPending) deps.onAnalysisPending?.();
  }

  async function ingestStatus(channel: Channel, event: StatusEvent): Promise<void> {
    const changed = await db.transaction(async (tx) => {
      const result = await applyStatus({
        repo: createMessagesRepo({ db: tx, cipher }),
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        update: {
          wamid: event.wamid,
          status: event.status,
          at: event.timestamp,
          errors: event.errors,
          callbackData: event.bizOpaqueCallbackData,
          pricing: event.pricing,
          recipientWaId: event.recipient.waId,
        },
      });
      // Meta is the authority on the service window (it rarely closes early): after a 131047, Papo's countdown ends too,
      // so the next free-form message is refused up front instead of failing at Meta.
      if (result && event.status === "failed" && event.errors.some((e) => e.code === WINDOW_CLOSED)) {
        await createConversationsRepo({ db: tx }).closeWindow(channel.workspaceId, result.conversationId, deps.clock.now());
      }
      return result;
    });
    if (changed) {
      deps.events.emit({ type: "message.updated", workspaceId: channel.workspaceId, ...changed });
      if (event.errors.some((e) => e.code === WINDOW_CLOSED)) {
        deps.events.emit({ type: "conversation.updated", workspaceId: channel.workspaceId, conversationId: changed.conversationId });
      }
    }
  }

  async function quarantine(event: WebhookEvent, origin: EventOrigin): Promise<void> {
    log.warn({ phoneNumberId: event.source?.phoneNumberId, kind: event.kind }, "webhook for a number no channel owns: quarantined");
    await insertPlatformEvent(db, { event, origin, channel: undefined, quarantined: true });
  }

  async function storePlatformEvent(event: WebhookEvent, origin: EventOrigin, channel: Channel | undefined): Promise<void> {
    if (event.kind === "unknown") log.warn({ reason: event.reason }, "webhook content not understood: kept");
    if (event.kind === "error") log.warn({ errors: event.errors }, "webhook carried value-level errors");
    if (isTemplateEvent(event)) return storeTemplateEvent(event, origin, channel);
    await insertPlatformEvent(db, { event, origin, channel, quarantined: false });
  }

  /** Template status, quality and category webhooks move Papo's copy of the template (modules/templates) with the record. */
  async function storeTemplateEvent(event: TemplateEvent, origin: EventOrigin, channel: Channel | undefined): Promise<void> {
    const wabaId = event.source?.wabaId;
    const outcome = await db.transaction(async (tx) => {
      await insertPlatformEvent(tx, { event, origin, channel, quarantined: false });
      const workspaceId = channel?.workspaceId ?? (await workspaceOfWaba(tx, wabaId));
      if (!workspaceId || !wabaId) return undefined;
      return { workspaceId, wabaId, result: await applyTemplateEvent(tx, { workspaceId, wabaId, event, now: deps.clock.now() }) };
    });
    if (!outcome) return;
    const { workspaceId, result } = outcome;
    if ("changed" in result) deps.events.emit({ type: "template.changed", workspaceId, templateId: result.changed });
    if ("syncNeeded" in result) deps.onTemplateUnknown?.(workspaceId, outcome.wabaId);
  }

  async function insertPlatformEvent(
    conn: DbOrTx,
    {
      event,
      origin,
      channel,
      quarantined,
    }: { event: WebhookEvent; origin: EventOrigin; channel: Channel | undefined; quarantined: boolean },
  ): Promise<void> {
    const id = platformEventId(origin);
    // Template, account and quality events hold no personal data; anything else (unknown payloads, user preferences,
    // quarantined messages) may, so it is encrypted under the channel's workspace or the system scope.
    const plain = ["template_status", "template_quality", "template_category", "account_update", "phone_number_quality"].includes(
      event.kind,
    );
    // Account-level events (templates, account, quality) name no number: they belong to whoever connected the WABA.
    const workspaceId = channel?.workspaceId ?? (quarantined ? undefined : await workspaceOfWaba(conn, event.source?.wabaId));
    const scope = workspaceId ?? "system";
    await conn
      .insert(platformEvents)
      .values({
        id,
        workspaceId: workspaceId ?? null,
        channelId: channel?.id ?? null,
        webhookEventId: origin.webhookEventId,
        kind: event.kind,
        wabaId: event.source?.wabaId ?? null,
        phoneNumberId: event.source?.phoneNumberId ?? null,
        payload: plain ? (JSON.parse(JSON.stringify(event)) as unknown) : null,
        payloadEnc: plain
          ? null
          : cipher.encryptJson({ workspaceId: scope, table: "platform_events", column: "payload_enc", rowId: id }, event),
        quarantined,
      })
      .onConflictDoNothing();
  }

  /**
   * An event that kept failing after every retry of its body: kept (encrypted, with the error) for an operator, so the
   * other events of the body are not held back by it.
   */
  async function deadLetter(event: WebhookEvent, origin: EventOrigin, error: unknown): Promise<void> {
    const channel = await routeChannel(event.source?.phoneNumberId).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    log.error({ err: error, kind: event.kind, webhookEventId: origin.webhookEventId }, "webhook event failed for good: dead-lettered");
    await insertPlatformEvent(db, {
      event: { kind: "unknown", ...(event.source ? { source: event.source } : {}), reason: `failed: ${reason}`, raw: event },
      origin,
      channel,
      quarantined: false,
    });
  }

  return { apply, deadLetter };
}

class DuplicateMessage extends Error {}

/** The workspace that connected a number of this WABA, if any. */
async function workspaceOfWaba(conn: DbOrTx, wabaId: string | undefined): Promise<string | undefined> {
  if (!wabaId) return undefined;
  const [row] = await conn
    .select({ workspaceId: channels.workspaceId })
    .from(channels)
    .where(eq(channels.wabaId, wabaId))
    .orderBy(asc(channels.createdAt))
    .limit(1);
  return row?.workspaceId;
}

/** Where an event came from: its stored webhook body, its index in that body, and when the body arrived. */
export interface EventOrigin {
  webhookEventId: string;
  position: number;
  receivedAt: Date;
  /** Fingerprint of the app secret that signed the body; absent for events Papo made itself. */
  signedBy?: string | null;
}

/**
 * A UUIDv7 whose time is the body's arrival and whose sequence bits are the event's position, so ids sort in arrival
 * order. Messages are listed by (Meta's timestamp, id): within one second, the order they reached Papo.
 */
function arrivalOrderedId({ receivedAt, position }: EventOrigin): string {
  const bytes = randomBytes(16);
  const at = receivedAt.getTime();
  const ms = BigInt(Number.isFinite(at) && at > 0 ? at : Date.now());
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  const sequence = Math.min(position, 0xfff);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A UUID derived from (stored body, event position): the same event processed twice maps to the same row. */
function platformEventId({ webhookEventId, position }: EventOrigin): string {
  const hex = createHash("sha256").update(`platform-event:${webhookEventId}:${position}`).digest("hex");
  // Shaped as an RFC 4122 name-based UUID (version 5 nibble, variant 10xx) so any UUID column or validator accepts it.
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** By wa_id or BSUID; else a contact a CRM created with the same number; else a new one. Never by a "fixed" number. */
async function findOrCreateContact(repo: ContactsRepo, ws: string, from: WhatsAppUser): Promise<Contact> {
  const who = { waId: from.waId, userId: from.userId };
  const existing = (await repo.findByWhatsApp(ws, who)) ?? (from.waId ? await repo.findByPhone(ws, from.waId) : undefined);
  if (existing) return fillIn(repo, ws, existing, from);
  const fields = {
    waId: from.waId ?? null,
    userId: from.userId ?? null,
    name: from.name ?? null,
    username: from.username ?? null,
    phone: from.waId ? `+${from.waId}` : null,
  };
  const inserted = await repo.insertIfAbsent(ws, fields);
  if (inserted) return inserted;
  const winner = (await repo.findByWhatsApp(ws, who)) ?? (from.waId ? await repo.findByPhone(ws, from.waId) : undefined);
  if (!winner) throw new Error("contact vanished between insert and select");
  return fillIn(repo, ws, winner, from);
}

/** Adds what WhatsApp tells us and the contact lacks (a BSUID next to a wa_id, a profile name), never overwriting CRM data. */
async function fillIn(repo: ContactsRepo, ws: string, contact: Contact, from: WhatsAppUser): Promise<Contact> {
  const patch: Record<string, string> = {};
  // Another contact may already hold the other id (a CRM created one by phone, WhatsApp created one by BSUID):
  // merging two contacts is a person's decision, and writing the id here would break a unique index forever.
  const heldByOther = (found: Contact | undefined) => found !== undefined && found.id !== contact.id;
  if (
    from.waId &&
    !contact.waId &&
    !heldByOther((await repo.findByWhatsApp(ws, { waId: from.waId })) ?? (await repo.findByPhone(ws, from.waId)))
  ) {
    patch.waId = from.waId;
  }
  if (from.userId && !contact.userId && !heldByOther(await repo.findByWhatsApp(ws, { userId: from.userId }))) patch.userId = from.userId;
  if (from.name && !contact.name) patch.name = from.name;
  if (from.username && from.username !== contact.username) patch.username = from.username;
  if (Object.keys(patch).length === 0) return contact;
  return (await repo.update(ws, contact.id, patch)) ?? contact;
}

/** A customer changed number: the same contact (and history) continues under the new wa_id. */
async function migrateNumber(repo: ContactsRepo, ws: string, contact: Contact, newWaId: string): Promise<boolean> {
  // Another contact already holds the new number (the customer wrote from it before, or a CRM created it): merging is a
  // person's decision, so keep both rather than break the unique indexes and fail the webhook over and over.
  const clash = (await repo.findByWhatsApp(ws, { waId: newWaId })) ?? (await repo.findByPhone(ws, newWaId));
  if (clash && clash.id !== contact.id) return false;
  await repo.update(ws, contact.id, { waId: newWaId, phone: `+${newWaId}` });
  return true;
}
