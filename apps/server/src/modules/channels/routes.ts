import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { notFound } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { auditSource } from "../audit/request.ts";
import { checkChannelHealth } from "./health-check.ts";
import { createChannelsRepo } from "./repo.ts";
import { channelSchema, createChannelBody, healthCheckSchema, updateChannelBody } from "./schemas.ts";
import { createChannel, toChannelDto, updateChannel } from "./service.ts";
import { templatesReaderOf } from "./templates.ts";

const params = z.object({ id: z.uuid() });

export async function channelRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = () => createChannelsRepo({ db: deps.database.db, cipher: deps.cipher });
  const dto = (c: Parameters<typeof toChannelDto>[0]) => toChannelDto(c, deps.config.publicUrl);

  r.get(
    "/api/v1/channels",
    {
      schema: {
        tags: ["channels"],
        summary: "List WhatsApp numbers",
        response: { 200: z.object({ data: z.array(channelSchema), nextCursor: z.null() }) },
      },
    },
    async (request) => ({ data: (await repo().list(authOf(request).workspaceId)).map(dto), nextCursor: null }),
  );
  r.post(
    "/api/v1/channels",
    {
      schema: {
        tags: ["channels"],
        summary: "Connect a WhatsApp number",
        body: createChannelBody,
        response: { 201: channelSchema, 400: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      return reply.code(201).send(dto(await createChannel({ ctx, input: request.body, deps, ip: request.ip })));
    },
  );
  r.get(
    "/api/v1/channels/:id",
    { schema: { tags: ["channels"], summary: "Get a channel", params, response: { 200: channelSchema, 404: errorResponse } } },
    async (request) => {
      const channel = await repo().get(authOf(request).workspaceId, request.params.id);
      if (!channel) throw notFound("channels", request.params.id);
      return dto(channel);
    },
  );
  const templatesSchema = z.object({
    id: z.string(),
    name: z.string(),
    language: z.string(),
    status: z.string(),
    category: z.string(),
    parameterFormat: z.string().optional(),
    components: z.array(z.looseObject({ type: z.string(), format: z.string().optional(), text: z.string().optional() })),
  });
  const listTemplates = templatesReaderOf(deps);
  r.get(
    "/api/v1/channels/:id/templates",
    {
      schema: {
        tags: ["channels"],
        summary: "The number's message templates (from its WhatsApp Business Account; only APPROVED ones can be sent)",
        params,
        querystring: z.object({ status: z.string().optional().describe("e.g. APPROVED") }),
        response: { 200: z.object({ data: z.array(templatesSchema), nextCursor: z.null() }), 404: errorResponse, 502: errorResponse },
      },
    },
    async (request) => {
      const channel = await repo().get(authOf(request).workspaceId, request.params.id);
      if (!channel) throw notFound("channels", request.params.id);
      const wanted = request.query.status?.toUpperCase();
      const templates = (await listTemplates(channel)).filter((t) => !wanted || t.status === wanted);
      return {
        data: templates.map((t) => ({
          id: t.id,
          name: t.name,
          language: t.language,
          status: t.status,
          category: t.category,
          ...(t.parameterFormat ? { parameterFormat: t.parameterFormat } : {}),
          components: t.components.map((c) => ({ ...c, type: c.type })),
        })),
        nextCursor: null,
      };
    },
  );

  r.post(
    "/api/v1/channels/:id/health-check",
    {
      schema: {
        tags: ["channels"],
        summary: "Check the connection: ask Meta about the number with the channel's credentials (administrators and supervisors)",
        description:
          "Meta refusing (token 190, unknown number) or not answering is a result, `ok: false` with Meta's code and a hint, not an HTTP error.",
        params,
        response: { 200: healthCheckSchema, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const channel = await repo().get(ctx.workspaceId, request.params.id);
      if (!channel) throw notFound("channels", request.params.id);
      return checkChannelHealth({ channel, deps });
    },
  );

  r.patch(
    "/api/v1/channels/:id",
    {
      schema: {
        tags: ["channels"],
        summary: "Update a channel (credentials are write-only)",
        params,
        body: updateChannelBody,
        response: { 200: channelSchema, 404: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      return dto(await updateChannel({ ctx, id: request.params.id, input: request.body, deps, ip: request.ip }));
    },
  );
  r.delete(
    "/api/v1/channels/:id",
    {
      schema: {
        tags: ["channels"],
        summary: "Disconnect a channel and delete its conversations",
        params,
        response: { 204: z.null(), 404: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      if (!(await repo().delete(ctx.workspaceId, request.params.id))) throw notFound("channels", request.params.id);
      await deps.audit.record({ ...auditSource(request), action: "channel.deleted", target: { type: "channel", id: request.params.id } });
      return reply.code(204).send(null);
    },
  );
}
