import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

export const userRoles = ["admin", "supervisor", "agent"] as const;
export type UserRole = (typeof userRoles)[number];

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Lower-cased; the login identifier. */
    email: text("email").notNull(),
    /** argon2id, PHC string. */
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: userRoles }).notNull().default("agent"),
    permissions: jsonb("permissions").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** The TOTP secret (base32), encrypted with AAD `users:totp_secret:<id>`; set at setup, active once `totp_enabled_at` is. */
    totpSecretEnc: text("totp_secret_enc"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last accepted TOTP time step: a code is accepted once, and never one older than the last. */
    totpLastCounter: integer("totp_last_counter"),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
  },
  // Login looks a user up by e-mail alone, before any workspace is known.
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);
