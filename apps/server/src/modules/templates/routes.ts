import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { errorResponse } from "../../http/pagination.ts";
import { auditSource } from "../audit/request.ts";
import type { StoredTemplate } from "./repo.ts";
import {
  createTemplateBody,
  listTemplatesQuery,
  syncResultSchema,
  syncTemplatesBody,
  type TemplateDto,
  templateSchema,
} from "./schemas.ts";
import { createTemplate, deleteTemplate, getTemplate, listTemplates, syncTemplates } from "./service.ts";
import { variablesOf } from "./variables.ts";

export const toTemplateDto = (t: StoredTemplate): TemplateDto => ({
  id: t.id,
  channelId: t.channelId,
  wabaId: t.wabaId,
  metaId: t.metaId,
  name: t.name,
  language: t.language,
  category: t.category,
  status: t.status,
  statusReason: t.statusReason,
  quality: t.quality,
  parameterFormat: t.parameterFormat,
  components: t.components,
  variables: variablesOf(t),
  syncedAt: t.syncedAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export async function templateRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.uuid() });
  const tags = ["templates"];
  // Ids and names only: template text is business content, but the log says what happened, not what it said.
  const audited = (request: FastifyRequest, t: StoredTemplate, action: "template.created" | "template.deleted") =>
    deps.audit.record({
      ...auditSource(request),
      action,
      target: { type: "template", id: t.id },
      details: { channelId: t.channelId, metaId: t.metaId, name: t.name, language: t.language, category: t.category },
    });

  r.get(
    "/api/v1/templates",
    {
      schema: {
        tags,
        summary: "List the workspace's message templates (synced from Meta), optionally one number's, by status, category or name",
        querystring: listTemplatesQuery,
        response: { 200: z.object({ data: z.array(templateSchema) }), 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const rows = await listTemplates(deps, authOf(request).workspaceId, request.query);
      return { data: rows.map(toTemplateDto) };
    },
  );
  r.get(
    "/api/v1/templates/:id",
    {
      schema: {
        tags,
        summary: "One message template with the variables a send must fill",
        params,
        response: { 200: templateSchema, 404: errorResponse },
      },
    },
    async (request) => toTemplateDto(await getTemplate(deps, authOf(request).workspaceId, request.params.id)),
  );
  r.post(
    "/api/v1/templates/sync",
    {
      schema: {
        tags,
        summary: "Read the templates of one number's WABA (or every number's) from Meta now",
        body: syncTemplatesBody,
        response: { 200: syncResultSchema, 400: errorResponse, 403: errorResponse, 404: errorResponse, 502: errorResponse },
      },
    },
    async (request) => syncTemplates(deps, authOf(request).workspaceId, { channelId: request.body.channelId }),
  );
  r.post(
    "/api/v1/templates",
    {
      schema: {
        tags,
        summary: "Create a message template and submit it to Meta's review (it starts PENDING)",
        body: createTemplateBody,
        response: {
          201: templateSchema,
          400: errorResponse,
          403: errorResponse,
          404: errorResponse,
          422: errorResponse,
          502: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const created = await createTemplate(deps, authOf(request).workspaceId, request.body);
      await audited(request, created, "template.created");
      return reply.code(201).send(toTemplateDto(created));
    },
  );
  r.delete(
    "/api/v1/templates/:id",
    {
      schema: {
        tags,
        summary: "Delete this language of a template at Meta",
        params,
        response: { 204: z.null(), 403: errorResponse, 404: errorResponse, 422: errorResponse, 502: errorResponse },
      },
    },
    async (request, reply) => {
      const deleted = await deleteTemplate(deps, authOf(request).workspaceId, request.params.id);
      await audited(request, deleted, "template.deleted");
      return reply.code(204).send(null);
    },
  );
}
