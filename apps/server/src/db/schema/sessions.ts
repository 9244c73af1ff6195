import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

/**
 * Login sessions, one row per refresh token. A login starts a *family* (`family_id` = the first row's id, and the
 * `sid` claim of every access token of that session); each refresh marks its row `rotated_at` and adds the next one to
 * the family. Presenting a rotated token again is theft or a replay: the whole family is revoked, and with it every
 * access token carrying its `sid`. Only a SHA-256 of the refresh token is stored. The client's user agent and address
 * are personal data, encrypted with AAD `sessions:user_agent:<id>` / `sessions:ip:<id>`.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    familyId: uuid("family_id").notNull(),
    /** SHA-256 (hex) of the refresh token. */
    refreshTokenHash: text("refresh_token_hash").notNull(),
    /** When the family's login happened (copied along the rotations): the session's "created". */
    authenticatedAt: timestamp("authenticated_at", { withTimezone: true, precision: 3 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    /** Set when a refresh replaced this token by the family's next one. */
    rotatedAt: timestamp("rotated_at", { withTimezone: true, precision: 3 }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
    /** `logout`, `logout_all`, `revoked_by_user`, `reuse_detected`, `password_changed`, `password_reset`, `deactivated`. */
    revokedReason: text("revoked_reason"),
    userAgentEnc: text("user_agent_enc"),
    ipEnc: text("ip_enc"),
  },
  (t) => [
    uniqueIndex("sessions_refresh_token_hash_key").on(t.refreshTokenHash),
    // The bearer check of every request: is the family's current token still live?
    index("sessions_family_idx").on(t.familyId),
    // A user's sessions (the list, "log out everywhere", revocation on a password change).
    index("sessions_user_idx").on(t.workspaceId, t.userId),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;
