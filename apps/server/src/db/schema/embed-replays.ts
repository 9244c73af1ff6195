import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/**
 * The `jti` of every embed token already used, until the token would have expired anyway: a token is accepted once.
 * Only a blind index of the `jti` is kept.
 */
export const embedReplays = pgTable(
  "embed_replays",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    jtiHash: text("jti_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    // The insert that claims a jti (conflict = replay).
    primaryKey({ columns: [t.workspaceId, t.jtiHash] }),
    // The sweep of expired rows at each login.
    index("embed_replays_expires_idx").on(t.workspaceId, t.expiresAt),
  ],
);
