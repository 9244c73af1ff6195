import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { decodeCursor, errorResponse, page, toPage } from "../../http/pagination.ts";
import { fromMicros } from "./pricing-defaults.ts";
import type { Campaign, RecipientCounts } from "./repo.ts";
import { createCampaignsRepo } from "./repo.ts";
import {
  type CampaignDto,
  CSV_MAX_BYTES,
  campaignParams,
  campaignSchema,
  createCampaignBody,
  csvUploadBody,
  csvUploadResultSchema,
  estimateSchema,
  listCampaignsQuery,
  type StoredEstimate,
  updateCampaignBody,
} from "./schemas.ts";
import {
  type CampaignCall,
  cancelCampaign,
  createCampaign,
  deleteCampaign,
  estimateCampaign,
  getCampaign,
  launchCampaign,
  pauseCampaign,
  resumeCampaign,
  updateCampaign,
  uploadCsvAudience,
} from "./service.ts";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toCampaignDto(c: Campaign, counts: RecipientCounts): CampaignDto {
  const audience = c.audience;
  return {
    id: c.id,
    name: c.name,
    channelId: c.channelId,
    status: c.status,
    template: { id: c.templateId, name: c.templateName, language: c.templateLanguage, category: c.templateCategory },
    mapping: c.mapping,
    audience:
      audience.kind === "csv"
        ? { kind: "csv", columns: audience.columns }
        : {
            kind: "filter",
            ...(audience.tags ? { tags: audience.tags } : {}),
            ...(audience.anyTags ? { anyTags: audience.anyTags } : {}),
            ...(audience.attributes ? { attributes: audience.attributes } : {}),
          },
    startAt: iso(c.startAt),
    ratePerSecond: c.ratePerSecond,
    budgetCap: c.budgetCapMicros === null ? null : fromMicros(c.budgetCapMicros),
    currency: c.currency,
    estimate: (c.estimate as StoredEstimate | null) ?? null,
    pausedReason: c.pausedReason,
    throttledUntil: iso(c.throttledUntil),
    launchedAt: iso(c.launchedAt),
    completedAt: iso(c.completedAt),
    cancelledAt: iso(c.cancelledAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    counts: {
      recipients: counts.recipients,
      pending: counts.pending,
      queued: counts.queued,
      skipped: counts.skipped,
      cancelled: counts.cancelled,
    },
  };
}

/**
 * Campaigns (broadcasts of one template): drafts, their audience (contact filter or CSV upload), the pre-launch
 * estimate, and the lifecycle. Sending and the report are modules/campaigns/sender.ts and report-routes.ts.
 */
export async function campaignRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["campaigns"];
  const base = "/api/v1/campaigns";
  const call = (request: FastifyRequest): CampaignCall => ({ deps, ctx: authOf(request), ip: request.ip });
  const dto = async (workspaceId: string, campaign: Campaign) => {
    const counts = (await createCampaignsRepo({ db: deps.database.db, cipher: deps.cipher }).counts(workspaceId, [campaign.id])).get(
      campaign.id,
    );
    if (!counts) throw new Error("counts missing");
    return toCampaignDto(campaign, counts);
  };
  const errors = { 400: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse };

  r.get(
    base,
    {
      schema: {
        tags,
        summary: "List campaigns, newest first",
        querystring: listCampaignsQuery,
        response: { 200: page(campaignSchema), 400: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      const { status, limit, cursor } = request.query;
      const repo = createCampaignsRepo({ db: deps.database.db, cipher: deps.cipher });
      const rows = await repo.list(workspaceId, { status, limit: limit + 1, before: decodeCursor(cursor) });
      const counts = await repo.counts(
        workspaceId,
        rows.map((c) => c.id),
      );
      return toPage(
        rows,
        limit,
        (c) => toCampaignDto(c, counts.get(c.id) ?? { recipients: 0, pending: 0, queued: 0, skipped: 0, cancelled: 0 }),
        (c) => ({ at: c.createdAt, id: c.id }),
      );
    },
  );

  r.post(
    base,
    {
      schema: {
        tags,
        summary: "Create a draft campaign",
        description:
          "The template must be a synced one of the channel's WhatsApp Business Account; the mapping's keys are its variables (GET /api/v1/templates/:id `variables`).",
        body: createCampaignBody,
        response: { 201: campaignSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createCampaign(call(request), request.body);
      return reply.code(201).send(await dto(created.workspaceId, created));
    },
  );

  r.get(
    `${base}/:id`,
    { schema: { tags, summary: "Get a campaign", params: campaignParams, response: { 200: campaignSchema, 404: errorResponse } } },
    async (request) => {
      const { campaign, counts } = await getCampaign(deps, authOf(request).workspaceId, request.params.id);
      return toCampaignDto(campaign, counts);
    },
  );

  r.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: "Change a draft (or a scheduled campaign's name, start, rate and budget)",
        params: campaignParams,
        body: updateCampaignBody,
        response: { 200: campaignSchema, ...errors },
      },
    },
    async (request) => {
      const updated = await updateCampaign(call(request), request.params.id, request.body);
      return dto(updated.workspaceId, updated);
    },
  );

  r.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: "Delete a draft",
        params: campaignParams,
        response: { 204: z.null(), 404: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      await deleteCampaign(call(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // The upload may come raw (text/csv, up to 5 MB) or as JSON `{ csv }` under the API's 1 MB JSON limit; its own scope
  // keeps the CSV parser to this route.
  await app.register(async (scope) => {
    scope.addContentTypeParser(["text/csv", "application/csv"], { parseAs: "string", bodyLimit: CSV_MAX_BYTES }, (_request, body, done) =>
      done(null, { csv: body }),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${base}/:id/audience/csv`,
      {
        schema: {
          tags,
          summary: "Upload a draft's CSV audience (replaces the previous upload)",
          description:
            "Header: a phone column (phone, telefone, celular, whatsapp, número), optional name/nome and marketing_consent (sim/yes/true/1), other columns are variables. Numbers without a country code are read as Brazilian. Send JSON { csv } or the file itself as text/csv (up to 5 MB, 100,000 rows).",
          params: campaignParams,
          body: csvUploadBody,
          response: { 200: csvUploadResultSchema, ...errors },
        },
      },
      async (request) => uploadCsvAudience(call(request), request.params.id, request.body.csv),
    );
  });

  r.post(
    `${base}/:id/estimate`,
    {
      schema: {
        tags,
        summary: "Estimate a draft: recipients after exclusions, cost from the price table, budget and messaging limit",
        params: campaignParams,
        response: { 200: estimateSchema, ...errors },
      },
    },
    async (request) => estimateCampaign(call(request), request.params.id),
  );

  const lifecycle = [
    ["launch", "Launch a draft: fixes its recipients and starts it (or schedules it for its start time)", launchCampaign],
    ["pause", "Pause a running or scheduled campaign", pauseCampaign],
    ["resume", "Resume a paused campaign", resumeCampaign],
    ["cancel", "Cancel a campaign: recipients not messaged yet are cancelled", cancelCampaign],
  ] as const;
  for (const [action, summary, run] of lifecycle) {
    r.post(
      `${base}/:id/${action}`,
      { schema: { tags, summary, params: campaignParams, response: { 200: campaignSchema, ...errors } } },
      async (request) => {
        const campaign = await run(call(request), request.params.id);
        return dto(campaign.workspaceId, campaign);
      },
    );
  }
}
