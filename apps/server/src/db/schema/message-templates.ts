import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { workspaces } from "./workspaces.ts";

/** Meta's review states (meta-cloud-api.md §3); only APPROVED is sendable. Kept open: Meta adds states. */
export const templateStatuses = [
  "APPROVED",
  "PENDING",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "IN_APPEAL",
  "FLAGGED",
  "PENDING_DELETION",
  "DELETED",
  "ARCHIVED",
  "LIMIT_EXCEEDED",
  "LOCKED",
  "REINSTATED",
] as const;
export const templateCategories = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type TemplateCategoryName = (typeof templateCategories)[number];
export const templateQualities = ["GREEN", "YELLOW", "RED", "UNKNOWN"] as const;

/**
 * Papo's copy of a WhatsApp Business Account's message templates (modules/templates): synced from the Graph API on
 * demand and on a schedule, and moved live by `message_template_status_update` / `_quality_update` /
 * `template_category_update` webhooks. Templates belong to the WABA, so every number of that WABA shares them; the
 * channel is the one the copy was read through (its credentials). Template definitions are business text approved by
 * Meta, not personal data: stored plain.
 */
export const messageTemplates = pgTable(
  "message_templates",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    wabaId: text("waba_id").notNull(),
    /** Meta's template id (`hsm_id`); one per (name, language). */
    metaId: text("meta_id").notNull(),
    name: text("name").notNull(),
    language: text("language").notNull(),
    category: text("category").notNull(),
    /** Meta's status as last seen (see `templateStatuses`; unknown values are kept as Meta sent them). */
    status: text("status").notNull(),
    /** Meta's reason for REJECTED (e.g. INVALID_FORMAT) or a pause/disable reason; null otherwise. */
    statusReason: text("status_reason"),
    quality: text("quality").notNull().default("UNKNOWN"),
    parameterFormat: text("parameter_format", { enum: ["POSITIONAL", "NAMED"] })
      .notNull()
      .default("POSITIONAL"),
    /** Meta's components as Meta returns them (HEADER/BODY/FOOTER/BUTTONS, with examples). */
    components: jsonb("components").$type<unknown[]>().notNull(),
    /** Last time Meta was read for this template (sync) or told us about it (webhook). */
    syncedAt: timestamp("synced_at", { withTimezone: true, precision: 3 }).notNull(),
    /** Set when a sync no longer finds it at Meta (deleted elsewhere): kept for history, never offered. */
    deletedAt: timestamp("deleted_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("message_templates_meta_key").on(t.workspaceId, t.wabaId, t.metaId),
    index("message_templates_name_idx").on(t.workspaceId, t.wabaId, t.name, t.language),
  ],
);

export type MessageTemplateRow = typeof messageTemplates.$inferSelect;
