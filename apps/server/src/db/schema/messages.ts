import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { contacts } from "./contacts.ts";
import { conversations } from "./conversations.ts";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

export const messageDirections = ["inbound", "outbound"] as const;
export const senderKinds = ["contact", "agent", "bot", "system"] as const;
/**
 * queued → sending (intent recorded, Graph call in flight) → accepted (Meta answered with a wamid) → sent → delivered
 * → read → played; failed at any point. Inbound messages are `received`.
 */
export const messageStatuses = ["received", "queued", "sending", "accepted", "sent", "delivered", "read", "played", "failed"] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    direction: text("direction", { enum: messageDirections }).notNull(),
    type: text("type").notNull(),
    senderKind: text("sender_kind", { enum: senderKinds }).notNull(),
    senderUserId: uuid("sender_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Text, caption or a readable summary: ciphertext. */
    textEnc: text("text_enc"),
    /** The full structured content (normalised inbound content or the outbound request): encrypted JSON. */
    contentEnc: text("content_enc").notNull(),
    status: text("status", { enum: messageStatuses }).notNull(),
    /**
     * Meta's wamid encodes the customer's phone number (base64 after `wamid.`), so it is personal data: stored
     * encrypted, and found through a keyed HMAC blind index.
     */
    waMessageIdEnc: text("wa_message_id_enc"),
    waMessageIdBidx: text("wa_message_id_bidx"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    playedAt: timestamp("played_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    errorCode: text("error_code"),
    errorTitle: text("error_title"),
    errorDetails: text("error_details"),
    replyToWamidEnc: text("reply_to_wamid_enc"),
    forwarded: boolean("forwarded").notNull().default(false),
    frequentlyForwarded: boolean("frequently_forwarded").notNull().default(false),
    referralEnc: text("referral_enc"),
    idempotencyKey: text("idempotency_key"),
    mediaId: uuid("media_id"),
    /** The campaign this message was sent for (modules/campaigns): its sender paces it at the campaign's rate. */
    campaignId: uuid("campaign_id"),
    /**
     * Meta's pricing category once a status said the message is billable (modules/reports counts it once per message).
     */
    billedCategory: text("billed_category"),
    attempts: integer("attempts").notNull().default(0),
    /**
     * Set when the content was erased (data-subject erasure or the retention policy, modules/privacy): `content_enc`
     * then holds the encrypted marker `{"erased":true}` and text, referral, wamid and media are gone.
     */
    contentErasedAt: timestamp("content_erased_at", { withTimezone: true }),
    /**
     * Set just before the Graph call of the current attempt: a message found `sending` without it never reached Meta
     * and is requeued; with it, the outcome is unknown and it is not resent.
     */
    sendStartedAt: timestamp("send_started_at", { withTimezone: true }),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /**
     * Feed order for integrations (`/receive-message`): the inserting transaction's id, then a sequence. Readers only
     * return rows of transactions older than every transaction still running, so a slow commit is never skipped.
     */
    feedTxId: bigint("feed_tx_id", { mode: "number" }).notNull().default(sql`(pg_current_xact_id()::text)::bigint`),
    feedSeq: bigserial("feed_seq", { mode: "number" }).notNull(),
    /** When the message happened: Meta's timestamp for inbound, creation for outbound. */
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Meta redelivers webhooks: a wamid is stored once per channel (ON CONFLICT DO NOTHING on this index).
    uniqueIndex("messages_wamid_key").on(t.channelId, t.waMessageIdBidx),
    // The same client key never sends twice.
    uniqueIndex("messages_idempotency_key").on(t.workspaceId, t.idempotencyKey),
    // A conversation's history, newest first, with cursor pagination.
    index("messages_conversation_idx").on(t.conversationId, t.createdAt, t.id),
    // The integration feed: inbound messages of a workspace in commit-safe order.
    index("messages_feed_idx").on(t.workspaceId, t.direction, t.feedTxId, t.feedSeq),
    // The send worker's queue: due outbound messages.
    index("messages_send_queue_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
    // A conversation's messages still to go out, oldest first: only the oldest of them may be sent (order on WhatsApp).
    index("messages_in_flight_idx").on(t.conversationId, t.createdAt, t.id).where(sql`${t.status} in ('queued', 'sending')`),
    // A campaign's messages, for its report.
    index("messages_campaign_idx").on(t.campaignId, t.status).where(sql`${t.campaignId} is not null`),
    // The retention job: a workspace's oldest messages whose content is still there.
    index("messages_retention_idx").on(t.workspaceId, t.createdAt).where(sql`${t.contentErasedAt} is null`),
  ],
);

/** A reaction by the customer or an agent to a message, keyed by the target's wamid so it can precede its target. */
export const messageReactions = pgTable(
  "message_reactions",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    /** Blind index of the target's wamid (see messages.wa_message_id_bidx). */
    targetWamidBidx: text("target_wamid_bidx").notNull(),
    actor: text("actor", { enum: ["contact", "business"] }).notNull(),
    /** Empty when removed. Emoji are content: encrypted. */
    emojiEnc: text("emoji_enc"),
    reactedAt: timestamp("reacted_at", { withTimezone: true }).notNull(),
  },
  // One current reaction per side per message; an older redelivered reaction never overwrites a newer one.
  (t) => [uniqueIndex("message_reactions_target_key").on(t.channelId, t.targetWamidBidx, t.actor)],
);

/** Status webhooks whose wamid is not known yet (the webhook raced the send response); applied when it is. */
export const pendingStatuses = pgTable(
  "pending_statuses",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    waMessageIdEnc: text("wa_message_id_enc").notNull(),
    waMessageIdBidx: text("wa_message_id_bidx").notNull(),
    callbackData: text("callback_data"),
    status: text("status").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    errorsJson: text("errors_json"),
    /** Meta's pricing category when the status said the message is billable, and the recipient's country (reports). */
    billableCategory: text("billable_category"),
    recipientCountry: text("recipient_country"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("pending_statuses_key").on(t.channelId, t.waMessageIdBidx, t.status),
    index("pending_statuses_callback_idx").on(t.callbackData),
  ],
);
