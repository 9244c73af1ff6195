import { jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { workspaces } from "./workspaces.ts";

export const botModes = ["off", "bot_first"] as const;
export type BotMode = (typeof botModes)[number];
export const weekDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type WeekDay = (typeof weekDays)[number];
export interface BusinessHours {
  /** IANA time zone, e.g. America/Sao_Paulo. */
  timezone: string;
  days: Record<WeekDay, Array<{ start: string; end: string }>>;
}
export type BotReplies = { pt: string; en: string; es: string };

/**
 * The hybrid bot's rules for one channel; no row = the defaults (`modules/bot/settings.ts`, mode off). Thresholds,
 * topics, hours and replies are the business's configuration, not personal data: stored in clear.
 */
export const botSettings = pgTable("bot_settings", {
  channelId: uuid("channel_id")
    .primaryKey()
    .references(() => channels.id, { onDelete: "cascade" }),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  mode: text("mode", { enum: botModes }).notNull(),
  confidenceThreshold: real("confidence_threshold").notNull(),
  negativeSentimentThreshold: real("negative_sentiment_threshold").notNull(),
  humanOnlyTopics: jsonb("human_only_topics").$type<string[]>().notNull(),
  businessHours: jsonb("business_hours").$type<BusinessHours>(),
  outsideHoursReply: jsonb("outside_hours_reply").$type<BotReplies>().notNull(),
  handoffReply: jsonb("handoff_reply").$type<BotReplies>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
});

export type BotSettingsRow = typeof botSettings.$inferSelect;
