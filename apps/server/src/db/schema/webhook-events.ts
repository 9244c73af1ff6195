import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { workspaces } from "./workspaces.ts";

export const webhookEventStatuses = ["pending", "processed", "failed"] as const;

/**
 * Every signed webhook body, stored before the 200 so an acknowledged event is never lost. The body holds message
 * content, so it is encrypted (under the system scope: routing to a workspace happens later).
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: uuid("id").primaryKey(),
    /** sha256 of the raw body: Meta's retries of the same body are stored once. */
    bodyHash: text("body_hash").notNull(),
    bodyEnc: text("body_enc").notNull(),
    /**
     * Fingerprint (keyed HMAC) of the app secret whose signature was valid. Events are applied only to channels of that
     * secret (or any, for the operator's global WHATSAPP_APP_SECRET), so one workspace's Meta app cannot write into
     * another workspace's number.
     */
    signedBy: text("signed_by"),
    status: text("status", { enum: webhookEventStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Lease and backoff: a worker that claims the event pushes this forward; a crashed worker's lease runs out. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    error: text("error"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("webhook_events_body_hash_key").on(t.bodyHash),
    // The sweeper: events left unprocessed by a crash.
    index("webhook_events_pending_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * Events that are not messages or statuses (template, account and quality updates, value errors, unknown payloads)
 * and events for numbers no channel owns (quarantined), kept for later features and for operators.
 */
export const platformEvents = pgTable(
  "platform_events",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "cascade" }),
    webhookEventId: uuid("webhook_event_id").references(() => webhookEvents.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    wabaId: text("waba_id"),
    phoneNumberId: text("phone_number_id"),
    /** Non-personal payloads only (template/account events); anything that may hold content is encrypted. */
    payload: jsonb("payload"),
    payloadEnc: text("payload_enc"),
    quarantined: boolean("quarantined").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("platform_events_kind_idx").on(t.kind, t.createdAt)],
);
