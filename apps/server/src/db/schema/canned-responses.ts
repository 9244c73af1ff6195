import { pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/**
 * A canned response (quick reply) agents insert with `/shortcut` in the composer. The body is content and is stored
 * encrypted; the shortcut and title are labels the team chooses and stay in clear so they can be unique and sorted.
 */
export const cannedResponses = pgTable(
  "canned_responses",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    shortcut: text("shortcut").notNull(),
    title: text("title").notNull(),
    bodyEnc: text("body_enc").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // `/entrega` must name one response per workspace: POST and PATCH answer 409 canned_responses.shortcut_taken.
    uniqueIndex("canned_responses_shortcut_key").on(t.workspaceId, t.shortcut),
  ],
);

export type CannedResponseRow = typeof cannedResponses.$inferSelect;
