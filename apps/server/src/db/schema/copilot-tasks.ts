import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { messages } from "./messages.ts";
import { workspaces } from "./workspaces.ts";

export const copilotTaskStatuses = ["pending", "done", "failed"] as const;

/**
 * The durable queue of inbound analysis (transcription, language, sentiment, the bot's turn): a task is inserted in
 * the transaction that stores the message, so a crash never loses one, and one message is analysed once.
 */
export const copilotTasks = pgTable(
  "copilot_tasks",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["analyse_inbound"] }).notNull(),
    status: text("status", { enum: copilotTaskStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    /** A fixed phrase or error class, never content. */
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("copilot_tasks_message_key").on(t.messageId, t.kind),
    index("copilot_tasks_queue_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);
