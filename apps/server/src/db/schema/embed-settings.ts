import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { UserRole } from "./users.ts";
import { workspaces } from "./workspaces.ts";

export const embedVerifications = ["secret", "jwks"] as const;
export type EmbedVerification = (typeof embedVerifications)[number];

/**
 * A workspace's CRM embedding (`modules/auth/embed`): how the CRM's signed login tokens are checked, what they may do,
 * and which CRM origins may frame the console. No row means embedding is off.
 */
export const embedSettings = pgTable("embed_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  enabled: boolean("enabled").notNull().default(false),
  /** `secret`: HS256 with the shared secret below; `jwks`: RS256/ES256/EdDSA with the keys at `jwks_url`. */
  verification: text("verification", { enum: embedVerifications }).notNull().default("secret"),
  /** The HS256 shared secret, encrypted with AAD `embed_settings:secret:<workspace id>`; never returned by the API. */
  secretEnc: text("secret_enc"),
  secretUpdatedAt: timestamp("secret_updated_at", { withTimezone: true, precision: 3 }),
  jwksUrl: text("jwks_url"),
  /** The `iss` every token must carry. */
  issuer: text("issuer").notNull().default(""),
  audience: text("audience").notNull().default("papo"),
  /** `exp - iat` may not exceed this (and `iat` may not be older). */
  maxLifetimeSeconds: integer("max_lifetime_seconds").notNull().default(300),
  /** The claim holding the CRM's role (a string or an array of strings). */
  roleClaim: text("role_claim").notNull().default("role"),
  /** CRM role value → Papo role. */
  roleMap: jsonb("role_map").$type<Record<string, UserRole>>().notNull().default({}),
  defaultRole: text("default_role", { enum: ["admin", "supervisor", "agent"] })
    .notNull()
    .default("agent"),
  /** Apply the mapped role to existing users at every login too (not only to users created by the login). */
  syncRoles: boolean("sync_roles").notNull().default(false),
  /** Create the user at the first login when neither the CRM's user id nor the e-mail is known. */
  jitProvisioning: boolean("jit_provisioning").notNull().default(false),
  /** Origins (`https://crm.example.com`) allowed to frame `/embed` and to post tokens to it. */
  frameOrigins: jsonb("frame_origins").$type<string[]>().notNull().default([]),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
});
