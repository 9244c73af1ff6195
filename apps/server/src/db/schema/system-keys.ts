import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Keys Papo generates for itself, encrypted with the master key. The blind-index key lives here so that rotating the
 * master key re-encrypts this one row instead of changing every blind index (which would break every lookup).
 */
export const systemKeys = pgTable("system_keys", {
  purpose: text("purpose").primaryKey(),
  keyEnc: text("key_enc").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
