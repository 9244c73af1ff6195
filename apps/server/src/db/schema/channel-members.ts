import { index, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

/**
 * Who works a WhatsApp number: a user without `conversations.see_all` sees the conversations of the numbers they are a
 * member of (and those assigned to them). Removed with the number or the user.
 */
export const channelMembers = pgTable(
  "channel_members",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index("channel_members_user_idx").on(t.workspaceId, t.userId)],
);
