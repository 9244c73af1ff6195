import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { contacts } from "./contacts.ts";
import { conversations } from "./conversations.ts";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

/** `message`: send the stored message at `send_at`. `reminder`: tell its author at `send_at` (nothing is sent). */
export const scheduledKinds = ["message", "reminder"] as const;
/** `always`: at its time. `no_reply`: only if the customer has not written since it was scheduled (follow-ups). */
export const scheduledConditions = ["always", "no_reply"] as const;
/**
 * scheduled → processing (claimed by the scheduler, lease in `locked_until`) → sent (a real message was queued,
 * `message_id`) | done (a reminder was delivered) | skipped (condition not met: the customer replied) | failed (refused
 * at its time, e.g. the 24 h window is closed for free text) ; scheduled → cancelled by a person.
 */
export const scheduledStatuses = ["scheduled", "processing", "sent", "done", "skipped", "failed", "cancelled"] as const;
export type ScheduledStatus = (typeof scheduledStatuses)[number];

/**
 * Messages and reminders to go out later (modules/scheduling). The content (the API's send body, or a reminder's note)
 * is encrypted with AAD `scheduled_messages:content_enc:<id>`. The queued message gets the idempotency key
 * `scheduled:<id>`, so a scheduler that crashes after queueing never sends it twice.
 */
export const scheduledMessages = pgTable(
  "scheduled_messages",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: scheduledKinds }).notNull(),
    condition: text("condition", { enum: scheduledConditions }).notNull().default("always"),
    /** The message type (`text`, `template`, …) or `reminder`: shown without decrypting. */
    messageType: text("message_type").notNull(),
    contentEnc: text("content_enc").notNull(),
    sendAt: timestamp("send_at", { withTimezone: true, precision: 3 }).notNull(),
    status: text("status", { enum: scheduledStatuses }).notNull().default("scheduled"),
    lockedUntil: timestamp("locked_until", { withTimezone: true, precision: 3 }),
    attempts: integer("attempts").notNull().default(0),
    /** The outbound message it became. */
    messageId: uuid("message_id"),
    /** Why it failed or was skipped: a code (`scheduling.window_closed`, `scheduling.customer_replied`, …), never content. */
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    processedAt: timestamp("processed_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("scheduled_messages_due_idx").on(t.sendAt).where(sql`${t.status} in ('scheduled', 'processing')`),
    index("scheduled_messages_conversation_idx").on(t.workspaceId, t.conversationId, t.sendAt),
  ],
);

export type ScheduledMessageRow = typeof scheduledMessages.$inferSelect;
