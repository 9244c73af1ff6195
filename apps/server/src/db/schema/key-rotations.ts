import { sql } from "drizzle-orm";
import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const keyRotationStatuses = ["running", "finished", "superseded"] as const;
export type KeyRotationStatus = (typeof keyRotationStatuses)[number];

/** What the re-encryption job did to one encrypted column (`table.column`) or to the media files (`media.file`). */
export interface KeyRotationColumnProgress {
  /** Ciphertexts re-encrypted under the new key. */
  done: number;
  /** Ciphertexts still under an older key, as of the last count. */
  remaining: number;
  /** Ciphertexts that could not be re-encrypted (no key for them, or they no longer decrypt): reported, never guessed at. */
  failed: number;
}

/**
 * The master-key re-encryption job's record (`modules/keys`): one row per rotation, i.e. per new current key. The job
 * resumes an unfinished row after a restart (it looks for ciphertexts whose key id is not the current one, so no
 * position needs keeping). Deployment-wide like the master key itself: no workspace column.
 */
export const keyRotations = pgTable(
  "key_rotations",
  {
    id: uuid("id").primaryKey(),
    /** Ids of the older keys that still protected data when the rotation started. */
    fromKeyIds: jsonb("from_key_ids").$type<string[]>().notNull(),
    toKeyId: text("to_key_id").notNull(),
    /** `environment`, `key_file`, or a KMS provider's kind. */
    provider: text("provider").notNull(),
    status: text("status", { enum: keyRotationStatuses }).notNull(),
    /** Per column (`table.column`, and `media.file`). */
    progress: jsonb("progress").$type<Record<string, KeyRotationColumnProgress>>().notNull().default({}),
    /** Keys found unused when it finished: removed from the key file, or reported safe to remove from the environment. */
    retiredKeyIds: jsonb("retired_key_ids").$type<string[]>().notNull().default([]),
    /** Why the last pass left ciphertexts behind (no secret, no personal data: ids and counts). */
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  // One running rotation per target key: a restarted process resumes it instead of starting another.
  (t) => [uniqueIndex("key_rotations_running_key").on(t.toKeyId).where(sql`${t.status} = 'running'`)],
);

export type KeyRotationRow = typeof keyRotations.$inferSelect;
