import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

/**
 * Two-factor recovery codes: ten per enrolment, each usable once. Only a keyed HMAC of the code is stored (the
 * blind-index key, which survives master-key rotation).
 */
export const authRecoveryCodes = pgTable(
  "auth_recovery_codes",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex("auth_recovery_codes_hash_key").on(t.userId, t.codeHash),
    index("auth_recovery_codes_user_idx").on(t.workspaceId, t.userId),
  ],
);
