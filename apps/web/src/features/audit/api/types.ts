/** One record of the audit log (`GET /api/v1/audit-events`; apps/server/src/modules/audit/schemas.ts). */
export interface AuditEvent {
  /** Position in the workspace's chain, from 1, without gaps. */
  seq: number;
  at: string;
  actor: { type: "user" | "system" | "api" | "anonymous"; id: string | null };
  action: string;
  target: { type: string; id: string | null } | null;
  /** Ids and changed field names. */
  details: Record<string, unknown>;
  /** The personal part, decrypted for whoever may read the log. */
  personal: Record<string, unknown> | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export const brokenReasons = ["missing", "prev_hash_mismatch", "hash_mismatch", "unreadable"] as const;
export type BrokenReason = (typeof brokenReasons)[number];

/** `GET /api/v1/audit-events/verify`. */
export interface ChainCheck {
  ok: boolean;
  checked: number;
  lastSeq: number;
  lastHash: string;
  firstBroken?: { seq: number; reason: BrokenReason };
}

/** The list's and the export's filters, as the API takes them (absent: no filter). */
export interface AuditFilters {
  /** An action or a prefix (`auth.`). */
  action?: string;
  /** A user id, or `system`. */
  actor?: string;
  targetType?: string;
  targetId?: string;
  /** ISO date-times, inclusive. */
  from?: string;
  to?: string;
}

export type ExportFormat = "csv" | "json";

/** Every query of this page starts with this key. */
export const auditKeys = {
  all: ["audit-events"] as const,
  list: (filters: AuditFilters) => ["audit-events", "list", filters] as const,
  verify: ["audit-events", "verify"] as const,
};
