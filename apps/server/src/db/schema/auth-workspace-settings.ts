import { boolean, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/** A workspace's authentication policy; no row means the defaults (two-factor optional). */
export const authWorkspaceSettings = pgTable("auth_workspace_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** Users without two-factor authentication must enrol at their next login before anything else. */
  mfaRequired: boolean("mfa_required").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
});
