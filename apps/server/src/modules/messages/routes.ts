import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { notFound } from "../../http/errors.ts";
import { decodeCursor, errorResponse, page, pageQuery, toPage } from "../../http/pagination.ts";
import { canSeeConversation, conversationScope } from "../access/scope.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import { presentMessages } from "./presenter.ts";
import { createMessagesRepo } from "./repo.ts";
import { clientIdempotencyKey, messageSchema, sendMessageBody } from "./schemas.ts";
import { queueMessage, sendDepsOf } from "./send-service.ts";

export async function messageRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const sendDeps = sendDepsOf(deps);
  const present = (workspaceId: string, messages: Parameters<typeof presentMessages>[0]["messages"]) =>
    presentMessages({ db, cipher: deps.cipher, workspaceId, messages });

  r.get(
    "/api/v1/conversations/:id/messages",
    {
      schema: {
        tags: ["messages"],
        summary: "A conversation's messages, newest first",
        params: z.object({ id: z.uuid() }),
        querystring: z.object(pageQuery),
        response: { 200: page(messageSchema), 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      const conversation = await createConversationsRepo({ db }).get(ws, request.params.id, conversationScope(ctx));
      if (!conversation) throw notFound("conversations", request.params.id);
      const { limit, cursor } = request.query;
      // Opening a conversation shows its contact's data: its first page counts as a view of that contact (audited).
      if (!cursor)
        await deps.audit.recordContactView({
          ctx,
          contactId: conversation.contactId,
          ip: request.ip,
          via: { route: "conversation", conversationId: conversation.id },
        });
      const rows = await createMessagesRepo({ db, cipher: deps.cipher }).listByConversation(ws, request.params.id, {
        limit: limit + 1,
        before: decodeCursor(cursor),
      });
      const pageOf = toPage(
        rows,
        limit,
        (m) => m,
        (m) => ({ at: m.createdAt, id: m.id }),
      );
      return { data: await present(ws, pageOf.data), nextCursor: pageOf.nextCursor };
    },
  );

  r.post(
    "/api/v1/conversations/:id/messages",
    {
      schema: {
        tags: ["messages"],
        summary: "Send a message (queued, then delivered by the send worker)",
        description:
          "Any WhatsApp type. Free-form messages need the 24-hour window open (else 422 messages.window_closed: use a template). " +
          "With an Idempotency-Key header, the same key never sends twice: a repeat returns the first message with 200.",
        params: z.object({ id: z.uuid() }),
        headers: z.object({ "idempotency-key": clientIdempotencyKey.optional() }),
        body: sendMessageBody,
        response: {
          200: messageSchema,
          202: messageSchema,
          400: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      if (!(await canSeeConversation(db, ctx, request.params.id))) throw notFound("conversations", request.params.id);
      const { message, created } = await queueMessage({
        ctx,
        conversationId: request.params.id,
        body: request.body,
        idempotencyKey: request.headers["idempotency-key"],
        ip: request.ip,
        deps: sendDeps,
      });
      const [dto] = await present(ctx.workspaceId, [message]);
      return reply.code(created ? 202 : 200).send(dto as z.infer<typeof messageSchema>);
    },
  );

  r.get(
    "/api/v1/messages/:id",
    {
      schema: {
        tags: ["messages"],
        summary: "Get a message",
        params: z.object({ id: z.uuid() }),
        response: { 200: messageSchema, 404: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      const message = await createMessagesRepo({ db, cipher: deps.cipher }).get(ws, request.params.id);
      if (!message || !(await canSeeConversation(db, ctx, message.conversationId))) throw notFound("messages", request.params.id);
      const [dto] = await present(ws, [message]);
      return dto as z.infer<typeof messageSchema>;
    },
  );
}
