import { boolean, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

export const consentLanguages = ["pt-BR", "en", "es"] as const;
export type ConsentLanguage = (typeof consentLanguages)[number];
export type PerLanguage<T> = Record<ConsentLanguage, T>;

/**
 * A workspace's opt-out/opt-in keyword policy; no row means the defaults (`modules/consent/defaults.ts`). Keywords and
 * replies are the business's own wording, not personal data: stored in clear.
 */
export const consentSettings = pgTable("consent_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  enabled: boolean("enabled").notNull(),
  defaultLanguage: text("default_language", { enum: consentLanguages }).notNull(),
  optOutKeywords: jsonb("opt_out_keywords").$type<PerLanguage<string[]>>().notNull(),
  optInKeywords: jsonb("opt_in_keywords").$type<PerLanguage<string[]>>().notNull(),
  optOutReply: jsonb("opt_out_reply").$type<PerLanguage<string>>().notNull(),
  optInReply: jsonb("opt_in_reply").$type<PerLanguage<string>>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
});

export type ConsentSettingsRow = typeof consentSettings.$inferSelect;
