import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Failed-authentication counters that survive restarts and are shared by every process: one row per login e-mail
 * (whether or not a user has it, so a lockout reveals nothing) and one per client address. Keys are keyed HMACs
 * (`account:<bidx>`, `ip:<bidx>`), never the e-mail or the address itself.
 */
export const authThrottles = pgTable(
  "auth_throttles",
  {
    key: text("key").primaryKey(),
    /** Failures since `window_started_at`. */
    failures: integer("failures").notNull().default(0),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true, precision: 3 }).notNull(),
    /** Attempts are refused until then. */
    lockedUntil: timestamp("locked_until", { withTimezone: true, precision: 3 }),
    /** Locks so far (each one longer than the last); forgotten a day after the last lock ends. */
    lockCount: integer("lock_count").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("auth_throttles_updated_idx").on(t.updatedAt)],
);

export type AuthThrottleRow = typeof authThrottles.$inferSelect;
