import { pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

/**
 * The CRM's user id (`sub` of its embed tokens) of a Papo user. Looked up by a blind index (keyed HMAC) of the id;
 * the id itself is kept encrypted with AAD `embed_identities:external_id:<user id>`.
 */
export const embedIdentities = pgTable(
  "embed_identities",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    externalIdHash: text("external_id_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    externalIdEnc: text("external_id_enc").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    // The login's lookup: which user is the CRM's user `sub` in this workspace.
    primaryKey({ columns: [t.workspaceId, t.externalIdHash] }),
    // One CRM identity per Papo user.
    uniqueIndex("embed_identities_user_key").on(t.workspaceId, t.userId),
  ],
);
