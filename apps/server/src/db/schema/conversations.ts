import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { contacts } from "./contacts.ts";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

export const conversationStatuses = ["open", "pending", "resolved"] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export const conversationHandlers = ["bot", "human"] as const;

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    status: text("status", { enum: conversationStatuses }).notNull().default("open"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    handledBy: text("handled_by", { enum: conversationHandlers }).notNull().default("human"),
    unreadCount: integer("unread_count").notNull().default(0),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    /** End of the 24 h customer-service window: last inbound message timestamp + 24 h. */
    windowExpiresAt: timestamp("window_expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    // At most one unresolved conversation per (channel, contact): concurrent inbound messages reuse it.
    uniqueIndex("conversations_one_open_key").on(t.channelId, t.contactId).where(sql`${t.status} <> 'resolved'`),
    // The inbox list: newest activity first within a workspace.
    index("conversations_activity_idx").on(t.workspaceId, t.lastActivityAt),
  ],
);
