import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

export const auditActorTypes = ["user", "system", "api", "anonymous"] as const;
export type AuditActorType = (typeof auditActorTypes)[number];

/**
 * The append-only, hash-chained audit log (see `modules/audit/chain.ts`). Each workspace has its own chain: `seq`
 * counts from 1 without gaps, `prev_hash` is the previous record's `hash`, and `hash` seals the whole record, so an
 * edited, deleted or reordered row breaks the chain at that place. Rows are never updated; there is deliberately no
 * foreign key to users (a deleted user must not change the records that name them).
 *
 * `details` holds ids and field names only; anything personal goes in `details_enc` (AAD
 * `audit_events:details_enc:<id>`), and the client address in `ip_enc`.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    // Milliseconds, like the JavaScript Date the hash was computed over: a rounded timestamp would break the chain.
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorType: text("actor_type", { enum: auditActorTypes }).notNull(),
    /** The user's id, or the name of the system part that acted (`boot`, `webhook`…); null for anonymous callers. */
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull(),
    detailsEnc: text("details_enc"),
    ipEnc: text("ip_enc"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    // One chain per workspace: the backstop behind the append lock (a fork would need two rows with one seq).
    uniqueIndex("audit_events_seq_key").on(t.workspaceId, t.seq),
    // "Everything about this contact / user / channel" (LGPD access evidence).
    index("audit_events_target_idx").on(t.workspaceId, t.targetType, t.targetId, t.seq),
    index("audit_events_actor_idx").on(t.workspaceId, t.actorId, t.seq),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
