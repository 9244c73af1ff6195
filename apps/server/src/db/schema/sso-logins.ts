import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/**
 * SSO logins under way: what the callback needs to finish one (PKCE verifier and nonce, encrypted), found by a hash of
 * the `state` and used once (the callback deletes the row). Short-lived; expired rows are swept at the next start.
 */
export const ssoLogins = pgTable(
  "sso_logins",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** SHA-256 of the `state` sent to the provider (256 random bits: nothing to brute-force). */
    stateHash: text("state_hash").notNull().unique(),
    /** SHA-256 of the value of the browser-binding cookie set at the start: the callback must come from that browser. */
    browserHash: text("browser_hash").notNull(),
    /** The issuer the login started with (a configuration changed meanwhile fails the login). */
    issuer: text("issuer").notNull(),
    /** `{ codeVerifier, nonce }`, encrypted with AAD `sso_logins:secrets:<id>`. */
    secretsEnc: text("secrets_enc").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("sso_logins_expires_idx").on(t.expiresAt)],
);
