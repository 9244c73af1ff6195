import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, gte, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { type AuditActorType, type AuditEventRow, auditEvents } from "../../db/schema/audit.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { type AuditJson, GENESIS_HASH, hashRecord, type SealedFields, type StoredRecord } from "./chain.ts";

/** A stored record, decrypted. */
export interface AuditRecord {
  id: string;
  workspaceId: string;
  seq: number;
  at: Date;
  actor: { type: AuditActorType; id: string | null };
  action: string;
  target: { type: string; id: string | null } | null;
  details: Record<string, unknown>;
  /** The encrypted part (personal data); null when there is none, or when it no longer decrypts. */
  personal: Record<string, unknown> | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditFilters {
  /** `auth.` finds every `auth.*` action; a whole name finds that action. */
  action?: string | undefined;
  /** A user id, a system part's name, or an actor type (`user`, `system`, `api`, `anonymous`). */
  actor?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** Inclusive bounds on the record's time. */
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface AppendFields {
  workspaceId: string;
  at: Date;
  actorType: AuditActorType;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, AuditJson>;
  personal: Record<string, AuditJson> | null;
  ip: string | null;
}

// pg_advisory_xact_lock(class, key): the class keeps audit appends apart from any other advisory lock.
const APPEND_LOCK_CLASS = 0x41554454; // "AUDT"

export function createAuditRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, rowId: string, column: string) => ({ workspaceId, table: "audit_events", column, rowId });

  /** The row's fields as the hash covers them; `readable: false` when an encrypted part does not decrypt. */
  const open = (row: AuditEventRow): StoredRecord & { personal: Record<string, unknown> | null; ip: string | null } => {
    const base = { seq: row.seq, prevHash: row.prevHash, hash: row.hash };
    let personal: Record<string, unknown> | null;
    let ip: string | null;
    try {
      personal = row.detailsEnc ? cipher.decryptJson(place(row.workspaceId, row.id, "details_enc"), row.detailsEnc) : null;
      ip = row.ipEnc ? cipher.decrypt(place(row.workspaceId, row.id, "ip_enc"), row.ipEnc) : null;
    } catch {
      return { ...base, readable: false, personal: null, ip: null };
    }
    const fields: SealedFields = {
      id: row.id,
      workspaceId: row.workspaceId,
      seq: row.seq,
      at: row.at,
      actorType: row.actorType,
      actorId: row.actorId,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      details: row.details,
      personal,
      ip,
      prevHash: row.prevHash,
    };
    return { ...base, readable: true, fields, personal, ip };
  };

  const toRecord = (row: AuditEventRow): AuditRecord => {
    const opened = open(row);
    return {
      id: row.id,
      workspaceId: row.workspaceId,
      seq: row.seq,
      at: row.at,
      actor: { type: row.actorType, id: row.actorId },
      action: row.action,
      target: row.targetType ? { type: row.targetType, id: row.targetId } : null,
      details: row.details,
      personal: opened.personal,
      ip: opened.ip,
      prevHash: row.prevHash,
      hash: row.hash,
    };
  };

  const conditions = (workspaceId: string, f: AuditFilters): SQL[] => {
    const out: SQL[] = [eq(auditEvents.workspaceId, workspaceId)];
    if (f.action) out.push(sql`starts_with(${auditEvents.action}, ${f.action})`);
    if (f.actor) {
      const either = or(eq(auditEvents.actorId, f.actor), sql`${auditEvents.actorType} = ${f.actor}`);
      if (either) out.push(either);
    }
    if (f.targetType) out.push(eq(auditEvents.targetType, f.targetType));
    if (f.targetId) out.push(eq(auditEvents.targetId, f.targetId));
    if (f.from) out.push(gte(auditEvents.at, f.from));
    if (f.to) out.push(lte(auditEvents.at, f.to));
    return out;
  };

  return {
    /**
     * Appends one record at the end of the workspace's chain. Must run inside a transaction: the advisory lock taken
     * here serialises appends per workspace until that transaction ends, so two appends never read the same last
     * record (one chain, no fork, no gap — a rolled-back append leaves no number behind).
     */
    async append(fields: AppendFields): Promise<AuditRecord> {
      await db.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK_CLASS}, hashtext(${fields.workspaceId}))`);
      const [last] = await db
        .select({ seq: auditEvents.seq, hash: auditEvents.hash })
        .from(auditEvents)
        .where(eq(auditEvents.workspaceId, fields.workspaceId))
        .orderBy(desc(auditEvents.seq))
        .limit(1);
      const id = randomUUID();
      const sealed: SealedFields = {
        id,
        workspaceId: fields.workspaceId,
        seq: (last?.seq ?? 0) + 1,
        at: fields.at,
        actorType: fields.actorType,
        actorId: fields.actorId,
        action: fields.action,
        targetType: fields.targetType,
        targetId: fields.targetId,
        details: fields.details,
        personal: fields.personal,
        ip: fields.ip,
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const [row] = await db
        .insert(auditEvents)
        .values({
          id,
          workspaceId: sealed.workspaceId,
          seq: sealed.seq,
          at: sealed.at,
          actorType: sealed.actorType,
          actorId: sealed.actorId,
          action: sealed.action,
          targetType: sealed.targetType,
          targetId: sealed.targetId,
          details: sealed.details,
          detailsEnc: sealed.personal ? cipher.encryptJson(place(sealed.workspaceId, id, "details_enc"), sealed.personal) : null,
          ipEnc: sealed.ip ? cipher.encrypt(place(sealed.workspaceId, id, "ip_enc"), sealed.ip) : null,
          prevHash: sealed.prevHash,
          hash: hashRecord(cipher, sealed),
        })
        .returning();
      if (!row) throw new Error("audit insert returned no row");
      return toRecord(row);
    },

    /** Newest first; `beforeSeq` is the last seq of the previous page. */
    async list(workspaceId: string, filters: AuditFilters, { limit, beforeSeq }: { limit: number; beforeSeq?: number | undefined }) {
      const where = conditions(workspaceId, filters);
      if (beforeSeq !== undefined) where.push(lt(auditEvents.seq, beforeSeq));
      const rows = await db
        .select()
        .from(auditEvents)
        .where(and(...where))
        .orderBy(desc(auditEvents.seq))
        .limit(limit);
      return rows.map(toRecord);
    },

    /** Oldest first, a batch at a time (exports). */
    async *scan(workspaceId: string, filters: AuditFilters, batchSize = 500): AsyncGenerator<AuditRecord> {
      let after = 0;
      for (;;) {
        const rows = await db
          .select()
          .from(auditEvents)
          .where(and(...conditions(workspaceId, filters), gt(auditEvents.seq, after)))
          .orderBy(asc(auditEvents.seq))
          .limit(batchSize);
        for (const row of rows) yield toRecord(row);
        const last = rows.at(-1);
        if (!last || rows.length < batchSize) return;
        after = last.seq;
      }
    },

    /** Every record of the workspace in seq order, as the verifier reads them. */
    async *scanForVerify(workspaceId: string, batchSize = 1000): AsyncGenerator<StoredRecord> {
      // No lower bound on the first batch: a row slipped in with seq 0 or below must be seen too.
      let after: number | undefined;
      for (;;) {
        const rows = await db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.workspaceId, workspaceId), after === undefined ? undefined : gt(auditEvents.seq, after)))
          .orderBy(asc(auditEvents.seq))
          .limit(batchSize);
        for (const row of rows) yield open(row);
        const last = rows.at(-1);
        if (!last || rows.length < batchSize) return;
        after = last.seq;
      }
    },

    async workspaceIds(): Promise<string[]> {
      const rows = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.createdAt));
      return rows.map((r) => r.id);
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
