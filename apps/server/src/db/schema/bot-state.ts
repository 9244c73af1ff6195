import { integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations.ts";
import { workspaces } from "./workspaces.ts";

/**
 * What the bot remembers of a conversation between turns: the clarifying questions asked since its last answer, and
 * the last customer message it acted on (a task run twice, or twice at once, acts once).
 */
export const botState = pgTable("bot_state", {
  conversationId: uuid("conversation_id")
    .primaryKey()
    .references(() => conversations.id, { onDelete: "cascade" }),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  clarifications: integer("clarifications").notNull().default(0),
  lastMessageId: uuid("last_message_id"),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
});
