import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations.ts";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

export const handoffReasonValues = [
  "customer_request",
  "negative_sentiment",
  "unsure",
  "human_only_topic",
  "outside_business_hours",
  "agent_request",
  "bot_unavailable",
] as const;

/**
 * One move of a conversation from the bot to a person. The summary (and the detail, which may quote the customer or
 * an agent's note) is conversation content: encrypted.
 */
export const botHandoffs = pgTable(
  "bot_handoffs",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: handoffReasonValues }).notNull(),
    detailEnc: text("detail_enc"),
    summaryEnc: text("summary_enc"),
    summaryEngine: text("summary_engine", { enum: ["builtin", "provider"] }),
    byKind: text("by_kind", { enum: ["bot", "user"] }).notNull(),
    byUserId: uuid("by_user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("bot_handoffs_conversation_idx").on(t.conversationId, t.at)],
);

export type BotHandoffRow = typeof botHandoffs.$inferSelect;
