import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/**
 * Provider answers to repeated requests. `key_hash` is a SHA-256 of (workspace, feature, model, masked input), so it is
 * unique across workspaces and names no content. The value is generated from message content: encrypted with AAD
 * `ai_cache:value_enc:<keyHash>`. Rows expire after 7 days.
 */
export const aiCache = pgTable(
  "ai_cache",
  {
    keyHash: text("key_hash").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    valueEnc: text("value_enc").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("ai_cache_expiry_idx").on(t.expiresAt)],
);
