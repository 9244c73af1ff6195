import type { FastifyInstance } from "fastify";
import type { SimContext } from "../context.ts";
import { sendGraphFailure } from "../graph/reply.ts";
import { sendMessage } from "../outbound/send-message.ts";

/** `POST /:version/:phoneNumberId/messages`: every message type, read receipts and typing indicators. */
export function registerMessagesRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post<{ Params: { version: string; phoneNumberId: string } }>("/:version/:phoneNumberId/messages", async (request, reply) => {
    const result = await sendMessage(ctx, { phoneNumberId: request.params.phoneNumberId, body: request.body });
    return result.ok ? reply.send(result.value) : sendGraphFailure(reply, result.failure);
  });
}
