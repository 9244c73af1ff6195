import { boolean, integer, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations.ts";
import { workspaces } from "./workspaces.ts";

export const sentimentTrends = ["improving", "worsening", "steady"] as const;
export type SentimentTrend = (typeof sentimentTrends)[number];

/**
 * The conversation-level view of its messages' insights: the customer's language (latest confident guess), a smoothed
 * sentiment with its trend, and whether a supervisor should look (strongly negative and waiting for an answer).
 */
export const conversationInsights = pgTable("conversation_insights", {
  conversationId: uuid("conversation_id")
    .primaryKey()
    .references(() => conversations.id, { onDelete: "cascade" }),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  language: text("language"),
  /** Exponential moving average of the inbound messages' scores (-1..1); null until one was scored. */
  sentimentScore: real("sentiment_score"),
  sentimentLabel: text("sentiment_label"),
  sentimentTrend: text("sentiment_trend", { enum: sentimentTrends }),
  /** Negative inbound messages in a row (an outbound reply does not reset it; a non-negative message does). */
  negativeStreak: integer("negative_streak").notNull().default(0),
  needsAttention: boolean("needs_attention").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
});

export type ConversationInsightsRow = typeof conversationInsights.$inferSelect;
