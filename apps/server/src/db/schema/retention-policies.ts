import { integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/**
 * A workspace's retention policy (modules/privacy): message content and media older than N days are erased by the
 * retention job; null keeps them forever. No row means "keep forever". Counts and timestamps of messages stay.
 */
export const retentionPolicies = pgTable("retention_policies", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** Message content (text, structured content, media) older than this many days is erased; null = keep. */
  messageDays: integer("message_days"),
  /** Media files older than this many days are deleted, even when the message's text is kept; null = as messageDays. */
  mediaDays: integer("media_days"),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  /** When the job last applied the policy, and what it erased then (for the admin page). */
  lastAppliedAt: timestamp("last_applied_at", { withTimezone: true, precision: 3 }),
  lastAppliedMessages: integer("last_applied_messages"),
  lastAppliedMedia: integer("last_applied_media"),
});

export type RetentionPolicyRow = typeof retentionPolicies.$inferSelect;
