import { jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { BusinessHours } from "./bot-settings.ts";

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  /** IANA time zone of the workspace: scheduled messages and reports read dates in it. */
  timeZone: text("time_zone").notNull().default("America/Sao_Paulo"),
  /**
   * When the team works (time zone + weekly ranges); reports count "business hours only" timings inside them. Null =
   * not set: business-hours timings equal calendar timings.
   */
  businessHours: jsonb("business_hours").$type<BusinessHours>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
