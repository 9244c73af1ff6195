import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { AuditActorType } from "../../db/schema/audit.ts";

/** JSON as the audit log stores it: what `details` and the encrypted personal part may hold. */
export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };

/** The `prev_hash` of a workspace's first record. */
export const GENESIS_HASH = "0".repeat(64);

/** Everything a record's hash covers, in clear (the encrypted parts as their plaintext). */
export interface SealedFields {
  id: string;
  workspaceId: string;
  seq: number;
  at: Date;
  actorType: AuditActorType;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  personal: Record<string, unknown> | null;
  ip: string | null;
  prevHash: string;
}

/**
 * JSON with object keys sorted at every level and no whitespace: the same record always gives the same bytes, whatever
 * order PostgreSQL's jsonb hands the keys back in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The bytes a record's hash is computed over: a fixed-order array, versioned so the format can change later. */
export function canonicalRecord(fields: SealedFields): string {
  return canonicalJson([
    "papo-audit-v1",
    fields.id,
    fields.workspaceId,
    fields.seq,
    fields.at.toISOString(),
    fields.actorType,
    fields.actorId,
    fields.action,
    fields.targetType,
    fields.targetId,
    fields.details,
    fields.personal,
    fields.ip,
    fields.prevHash,
  ]);
}

/**
 * The record's hash: HMAC-SHA-256 of its canonical serialisation (previous hash included), as 64 hex characters. The
 * key is the workspace's audit key, derived from the blind-index key (which does not change when the master key
 * rotates): someone who can write to the database but does not hold the master key cannot recompute a chain after
 * editing it. The encrypted parts are hashed as plaintext, so re-encrypting them under a new key keeps the chain.
 */
export function hashRecord(cipher: FieldCipher, fields: SealedFields): string {
  const mac = cipher.blindIndex({ workspaceId: fields.workspaceId, purpose: "audit-chain", value: canonicalRecord(fields) });
  return Buffer.from(mac, "base64url").toString("hex");
}

export const brokenReasons = ["missing", "prev_hash_mismatch", "hash_mismatch", "unreadable"] as const;
export type BrokenReason = (typeof brokenReasons)[number];

export interface ChainCheck {
  ok: boolean;
  /** Records found intact, from #1 up to the first broken one (all of them when ok). */
  checked: number;
  /** The last intact record: "verified up to #lastSeq" (0 when none). */
  lastSeq: number;
  /** Its hash: keep it somewhere else to detect a later truncation of the log's tail. */
  lastHash: string;
  firstBroken?: { seq: number; reason: BrokenReason };
}

/** What the verifier reads of a stored record: its own fields, or why they could not be read. */
export type StoredRecord = { seq: number; prevHash: string; hash: string } & (
  | { readable: true; fields: SealedFields }
  | { readable: false; fields?: undefined }
);

/**
 * Walks a workspace's records in `seq` order and stops at the first one that does not fit: a missing number (a row
 * deleted), a `prev_hash` that is not the previous record's hash (a row deleted and the rest renumbered, or rows
 * swapped), a hash that does not match the record (an edit), or encrypted parts that no longer decrypt.
 */
export function createChainVerifier(cipher: FieldCipher) {
  let expected = 1;
  let previous = GENESIS_HASH;
  let broken: ChainCheck["firstBroken"];
  return {
    /** Feeds the next record; returns false once the chain is broken (further records are ignored). */
    push(record: StoredRecord): boolean {
      if (broken) return false;
      if (record.seq !== expected) broken = { seq: expected, reason: "missing" };
      else if (!record.readable) broken = { seq: record.seq, reason: "unreadable" };
      else if (record.prevHash !== previous) broken = { seq: record.seq, reason: "prev_hash_mismatch" };
      else if (hashRecord(cipher, record.fields) !== record.hash) broken = { seq: record.seq, reason: "hash_mismatch" };
      if (broken) return false;
      expected += 1;
      previous = record.hash;
      return true;
    },
    result(): ChainCheck {
      const lastSeq = expected - 1;
      return { ok: !broken, checked: lastSeq, lastSeq, lastHash: previous, ...(broken ? { firstBroken: broken } : {}) };
    },
  };
}
