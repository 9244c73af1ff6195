import { boolean, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { type UserRole, userRoles } from "./users.ts";
import { workspaces } from "./workspaces.ts";

/**
 * A workspace's OpenID Connect single sign-on (one identity provider per workspace); no row means no SSO. The client
 * secret is a ciphertext (AAD `sso_configs:client_secret:<workspace id>`).
 */
export const ssoConfigs = pgTable("sso_configs", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  enabled: boolean("enabled").notNull().default(false),
  /** The provider's Issuer Identifier; its `/.well-known/openid-configuration` is read at each login. */
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  clientSecretEnc: text("client_secret_enc").notNull(),
  /** The ID token (or userinfo) claim holding the user's groups or role, e.g. `groups`; null: everyone gets `default_role`. */
  roleClaim: text("role_claim"),
  /** Claim value → Papo role, for users created at their first SSO login. */
  roleMap: jsonb("role_map").$type<Record<string, UserRole>>().notNull().default({}),
  defaultRole: text("default_role", { enum: userRoles }).notNull().default("agent"),
  /** Create unknown users at their first SSO login (just-in-time provisioning); else they must exist already. */
  jitProvisioning: boolean("jit_provisioning").notNull().default(false),
  /** Password login is refused for everyone but administrators (who keep it as a way in when the provider is down). */
  ssoRequired: boolean("sso_required").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
});
