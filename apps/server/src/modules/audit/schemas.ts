import { z } from "zod";
import { auditActorTypes } from "../../db/schema/audit.ts";
import { badRequest } from "../../http/errors.ts";
import { pageQuery } from "../../http/pagination.ts";
import { brokenReasons } from "./chain.ts";
import { exportFormats } from "./export.ts";
import type { AuditFilters } from "./repo.ts";

export const auditEventSchema = z.object({
  seq: z.number().int().describe("Position in the workspace's chain, from 1, without gaps"),
  at: z.iso.datetime(),
  actor: z.object({
    type: z.enum(auditActorTypes),
    id: z.string().nullable().describe("The user's id, or the name of the system part that acted"),
  }),
  action: z.string().describe("e.g. auth.login.succeeded, contact.viewed, channel.credentials_changed"),
  target: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  details: z.record(z.string(), z.unknown()).describe("Ids and changed field names (stored in clear)"),
  personal: z.record(z.string(), z.unknown()).nullable().describe("The personal part (stored encrypted)"),
  ip: z.string().nullable().describe("The client's address (stored encrypted)"),
  prevHash: z.string(),
  hash: z.string(),
});

const filters = {
  action: z.string().trim().min(1).max(100).optional().describe("Action or prefix: `auth.` finds every auth.* action"),
  actor: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("A user id, a system part's name, or an actor type (user, system, api, anonymous)"),
  targetType: z.string().trim().min(1).max(50).optional().describe("e.g. contact, user, channel, conversation"),
  targetId: z.string().trim().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe("Inclusive"),
  to: z.iso.datetime({ offset: true }).optional().describe("Inclusive"),
};

export const listAuditEventsQuery = z.object({ ...pageQuery, ...filters });
export const exportAuditEventsQuery = z.object({ format: z.enum(exportFormats).default("csv"), ...filters });

export const chainCheckSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().describe("Records found intact, from #1"),
  lastSeq: z.number().int().describe("The last intact record (0 when there is none)"),
  lastHash: z.string().describe("Its hash: kept elsewhere, it also reveals a later truncation of the log's tail"),
  firstBroken: z
    .object({
      seq: z.number().int(),
      reason: z
        .enum(brokenReasons)
        .describe(
          "missing: the record is gone (deleted); prev_hash_mismatch: it does not follow the previous record (deleted, renumbered or swapped rows); hash_mismatch: its content was edited; unreadable: its encrypted part no longer decrypts",
        ),
    })
    .optional(),
});

/** The query's filters as the repository takes them; `from` after `to` is refused, naming the field. */
export function toFilters(query: { [K in keyof typeof filters]?: string | undefined }): AuditFilters {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from > to) throw badRequest("audit.invalid_range", "to: must not be before from");
  return { action: query.action, actor: query.actor, targetType: query.targetType, targetId: query.targetId, from, to };
}

/** Page cursors: base64url of `seq:<n>`, the last record returned. */
export const encodeSeqCursor = (seq: number): string => Buffer.from(`seq:${seq}`).toString("base64url");

export function decodeSeqCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw badRequest("request.invalid_cursor", "cursor: not a cursor returned by this API");
  return Number(match[1]);
}
