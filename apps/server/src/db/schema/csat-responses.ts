import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations.ts";
import { workspaces } from "./workspaces.ts";

export const csatSources = ["api", "console"] as const;

/**
 * A customer's satisfaction score (1–5) for a conversation, recorded by a CRM or survey tool through the API. The
 * comment is the customer's words: encrypted (AAD `csat_responses:comment_enc:<id>`).
 */
export const csatResponses = pgTable(
  "csat_responses",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull(),
    /** The conversation's assignee when the score was given. */
    agentId: uuid("agent_id"),
    score: integer("score").notNull(),
    commentEnc: text("comment_enc"),
    source: text("source", { enum: csatSources }).notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("csat_responses_workspace_idx").on(t.workspaceId, t.at), index("csat_responses_conversation_idx").on(t.conversationId)],
);
