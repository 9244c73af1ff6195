import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { errorResponse, page } from "../../http/pagination.ts";
import { formatExport, toAuditEventDto } from "./export.ts";
import { auditSource } from "./request.ts";
import {
  auditEventSchema,
  chainCheckSchema,
  decodeSeqCursor,
  encodeSeqCursor,
  exportAuditEventsQuery,
  listAuditEventsQuery,
  toFilters,
} from "./schemas.ts";

/**
 * The audit log: read, exported and verified with the `audit.view` permission (administrators have it; the route table
 * `http/route-access.ts` checks it); nobody writes it through the API.
 */
export async function auditRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["audit"];

  r.get(
    "/api/v1/audit-events",
    {
      schema: {
        tags,
        summary: "The audit log, newest first, filtered (permission audit.view)",
        querystring: listAuditEventsQuery,
        response: { 200: page(auditEventSchema), 400: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const { limit, cursor, ...query } = request.query;
      const records = await deps.audit.list(ctx.workspaceId, toFilters(query), { limit: limit + 1, beforeSeq: decodeSeqCursor(cursor) });
      const pageRecords = records.slice(0, limit);
      const last = pageRecords.at(-1);
      return { data: pageRecords.map(toAuditEventDto), nextCursor: records.length > limit && last ? encodeSeqCursor(last.seq) : null };
    },
  );

  r.get(
    "/api/v1/audit-events/export",
    {
      schema: {
        tags,
        summary: "Export the audit log as CSV or JSON, oldest first, with the list's filters (permission audit.view; itself audited)",
        description:
          "Streamed as it is read. CSV columns: seq, at, actor_type, actor_id, action, target_type, target_id, details, personal, ip, prev_hash, hash; " +
          "JSON: an array of the list's objects.",
        querystring: exportAuditEventsQuery,
        produces: ["text/csv", "application/json"],
        response: { 200: z.any().describe("The records, as CSV or a JSON array"), 400: errorResponse, 403: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      const { format, ...query } = request.query;
      const filters = toFilters(query);
      const used = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>;
      await deps.audit.record({
        ...auditSource(request),
        action: "audit.exported",
        target: { type: "audit_log", id: ctx.workspaceId },
        details: { format, filters: used },
      });
      const stamp = deps.clock.now().toISOString().slice(0, 10);
      return reply
        .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
        .header("content-disposition", `attachment; filename="papo-audit-${stamp}.${format}"`)
        .header("cache-control", "no-store")
        .send(Readable.from(formatExport(deps.audit.scan(ctx.workspaceId, filters), format)));
    },
  );

  r.get(
    "/api/v1/audit-events/verify",
    {
      schema: {
        tags,
        summary: "Check the workspace's audit chain from #1 and name the first broken record (permission audit.view)",
        response: { 200: chainCheckSchema, 403: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      return deps.audit.verify(ctx.workspaceId);
    },
  );
}

export type AuditEventDto = z.infer<typeof auditEventSchema>;
