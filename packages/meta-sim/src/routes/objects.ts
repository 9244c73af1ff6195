import type { FastifyInstance } from "fastify";
import type { SimContext } from "../context.ts";
import { objectNotFound } from "../graph/failure.ts";
import { businessAccountView, phoneNumberView } from "../graph/object-views.ts";
import { sendGraphFailure } from "../graph/reply.ts";
import { deleteMedia, mediaInfo } from "../media/service.ts";

/**
 * `GET` and `DELETE /:version/:id`. Graph serves every object type on the same path, so the id decides:
 * media, then phone number, then WhatsApp Business Account.
 */
export function registerObjectRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get<{ Params: { version: string; id: string }; Querystring: Record<string, unknown> }>("/:version/:id", async (request, reply) => {
    const { id } = request.params;
    const media = ctx.state.media.get(id);
    if (media) return reply.send(mediaInfo(ctx, media));
    const phoneNumber = ctx.state.phoneNumbers.get(id);
    if (phoneNumber) return reply.send(phoneNumberView(ctx, phoneNumber, request.query.fields));
    const account = ctx.state.accounts.get(id);
    if (account) return reply.send(businessAccountView(account, request.query.fields));
    return sendGraphFailure(reply, objectNotFound({ id, method: "get" }));
  });

  app.delete<{ Params: { version: string; id: string } }>("/:version/:id", async (request, reply) => {
    const result = deleteMedia(ctx, { id: request.params.id });
    return result.ok ? reply.send(result.value) : sendGraphFailure(reply, result.failure);
  });
}
