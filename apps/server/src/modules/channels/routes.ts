import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf, requireAdmin } from "../../http/auth.ts";
import { notFound } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { createChannelsRepo } from "./repo.ts";
import { channelSchema, createChannelBody, updateChannelBody } from "./schemas.ts";
import { createChannel, toChannelDto, updateChannel } from "./service.ts";

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
      requireAdmin(ctx);
      return reply.code(201).send(dto(await createChannel({ ctx, input: request.body, deps })));
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
      requireAdmin(ctx);
      return dto(await updateChannel({ ctx, id: request.params.id, input: request.body, deps }));
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
      requireAdmin(ctx);
      if (!(await repo().delete(ctx.workspaceId, request.params.id))) throw notFound("channels", request.params.id);
      return reply.code(204).send(null);
    },
  );
}
