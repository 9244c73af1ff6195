import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { searchItemTypes } from "./search-terms.ts";

/**
 * Progress of the one-off search backfill (modules/search/backfill.ts), one row per item type: items stored before
 * search existed are indexed in primary-key order after `after_id` (the key's index makes each batch cheap);
 * `completed_at` says it has reached the end (items stored since are indexed when they are written). Ids only.
 */
export const searchBackfill = pgTable("search_backfill", {
  itemType: text("item_type", { enum: searchItemTypes }).primaryKey(),
  afterId: uuid("after_id"),
  indexed: integer("indexed").notNull().default(0),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
