import { boolean, index, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations.ts";
import { messages } from "./messages.ts";
import { workspaces } from "./workspaces.ts";

export const transcriptStatuses = ["pending", "done", "unavailable", "failed"] as const;
export type TranscriptStatus = (typeof transcriptStatuses)[number];

/**
 * What the copilot learned about one inbound message: its language, sentiment and, for audio, the transcript. Labels
 * and scores are not content (clear); the transcript is the customer's words: encrypted with AAD
 * `message_insights:transcript_enc:<messageId>`.
 */
export const messageInsights = pgTable(
  "message_insights",
  {
    messageId: uuid("message_id")
      .primaryKey()
      .references(() => messages.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    language: text("language"),
    sentimentLabel: text("sentiment_label"),
    sentimentScore: real("sentiment_score"),
    sentimentConfidence: real("sentiment_confidence"),
    sentimentLowConfidence: boolean("sentiment_low_confidence"),
    sentimentEngine: text("sentiment_engine"),
    transcriptStatus: text("transcript_status", { enum: transcriptStatuses }),
    transcriptEnc: text("transcript_enc"),
    transcriptLanguage: text("transcript_language"),
    transcriptEngine: text("transcript_engine"),
    /** Why there is no transcript (a fixed phrase, never content). */
    transcriptReason: text("transcript_reason"),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("message_insights_conversation_idx").on(t.conversationId)],
);

export type MessageInsightsRow = typeof messageInsights.$inferSelect;
