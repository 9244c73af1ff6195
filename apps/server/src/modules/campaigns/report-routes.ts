import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { recipientStatuses } from "../../db/schema/campaigns.ts";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { errorResponse, page, pageQuery } from "../../http/pagination.ts";
import { auditSource } from "../audit/request.ts";
import { campaignRecipientsCsv, campaignRecipientsPage, campaignReport } from "./report.ts";

const reportSchema = z.object({
  counts: z.object({
    recipients: z.number().int(),
    pending: z.number().int(),
    queued: z.number().int().describe("Messages waiting in Papo's send queue"),
    sending: z.number().int(),
    sent: z.number().int().describe("Accepted by Meta (accepted, sent, delivered, read or played)"),
    delivered: z.number().int().describe("Delivered, read or played"),
    read: z.number().int().describe("Read or played"),
    failed: z.number().int(),
    replied: z.number().int().describe("The customer wrote in the same conversation after the campaign message"),
    skipped: z.number().int(),
    cancelled: z.number().int(),
  }),
  failedByCode: z.array(z.object({ code: z.string(), title: z.string(), count: z.number().int() })),
  skippedByReason: z.record(z.string(), z.number().int()),
  cost: z.object({
    currency: z.string(),
    queued: z.number().describe("List price of every queued recipient (counted against the budget cap)"),
    delivered: z.number().describe("List price of the delivered messages"),
  }),
  throttledUntil: z.string().nullable(),
  pausedReason: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  sendRate: z.object({ configured: z.number(), observed: z.number().describe("Messages handed to Meta per second, last minute") }),
});

const recipientSchema = z.object({
  id: z.uuid(),
  contactId: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.string(),
  skipReason: z.string().nullable(),
  messageStatus: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorTitle: z.string().nullable(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  rowNumber: z.number().int().nullable(),
});

/** A campaign's results: the report, the recipient list and its CSV export (permission campaigns.manage). */
export async function campaignReportRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["campaigns"];
  const params = z.object({ id: z.uuid() });
  const reportDeps = () => ({ db: deps.database.db, cipher: deps.cipher, clock: deps.clock });

  r.get(
    "/api/v1/campaigns/:id/report",
    {
      schema: {
        tags,
        summary: "A campaign's progress and results: counts by state, failures by Meta's code, skips by reason, cost, pace",
        params,
        response: { 200: reportSchema, 400: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => campaignReport(reportDeps(), authOf(request).workspaceId, request.params.id),
  );

  r.get(
    "/api/v1/campaigns/:id/recipients",
    {
      schema: {
        tags,
        summary: "A campaign's recipients with their message's progress, in the order they were added",
        params,
        querystring: z.object({ status: z.enum(recipientStatuses).optional(), ...pageQuery }),
        response: { 200: page(recipientSchema), 400: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) =>
      campaignRecipientsPage(reportDeps(), authOf(request).workspaceId, request.params.id, {
        status: request.query.status,
        cursor: request.query.cursor,
        limit: request.query.limit,
      }),
  );

  r.get(
    "/api/v1/campaigns/:id/report.csv",
    {
      schema: {
        tags,
        summary: "Export a campaign's recipients and results as CSV (itself audited)",
        description:
          "Columns: id, contactId, name, phone, status, skipReason, messageStatus, errorCode, errorTitle, sentAt, deliveredAt, readAt, repliedAt, rowNumber.",
        params,
        produces: ["text/csv"],
        response: { 200: z.any().describe("The recipients, as CSV"), 400: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      const lines = await campaignRecipientsCsv(reportDeps(), ctx.workspaceId, request.params.id);
      await deps.audit.record({
        ...auditSource(request),
        action: "campaign.exported",
        target: { type: "campaign", id: request.params.id },
        details: { format: "csv" },
      });
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="papo-campaign-${request.params.id}.csv"`)
        .header("cache-control", "no-store")
        .send(Readable.from(lines));
    },
  );
}
