import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { conversationScope } from "../access/scope.ts";
import { auditSource } from "../audit/request.ts";
import { refuseWhenAlreadyOpen } from "../conversations/already-open.ts";
import { type Conversation, createConversationsRepo } from "../conversations/repo.ts";
import type { conversationSchema } from "../conversations/routes.ts";
import { handOff } from "./handoff.ts";
import { createHandoffsRepo } from "./handoffs-repo.ts";
import { conversationParams, handoffBody, handoffSchema } from "./schemas.ts";
import { createBotSettingsRepo } from "./settings-repo.ts";
import { createBotStateRepo } from "./state-repo.ts";

type ConversationSchema = typeof conversationSchema;
type ConversationDto = z.infer<ConversationSchema>;

/**
 * "Transfer to human", "hand back to the bot" and the handoff history. Registered by the conversations module, which
 * lends its presenter and schema so these routes answer with the same conversation object as the others.
 */
export async function botConversationRoutes(
  app: FastifyInstance,
  deps: Deps,
  conversationsApi: { schema: ConversationSchema; present: (workspaceId: string, rows: Conversation[]) => Promise<ConversationDto[]> },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const tags = ["conversations"];
  const presentOne = async (workspaceId: string, conversationId: string): Promise<ConversationDto> => {
    const conversation = await createConversationsRepo({ db }).get(workspaceId, conversationId);
    if (!conversation) throw notFound("conversations", conversationId);
    const [dto] = await conversationsApi.present(workspaceId, [conversation]);
    if (!dto) throw notFound("conversations", conversationId);
    return dto;
  };

  r.post(
    "/api/v1/conversations/:id/handoff",
    {
      schema: {
        tags,
        summary: "Transfer to human: the bot stops, the conversation goes unassigned to the queue with a summary",
        params: conversationParams,
        body: handoffBody,
        response: { 200: conversationsApi.schema, 400: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      // Out of the caller's scope is answered like a conversation that does not exist.
      if (!(await createConversationsRepo({ db }).get(ws, request.params.id, conversationScope(ctx))))
        throw notFound("conversations", request.params.id);
      const by = ctx.actor.type === "user" ? { kind: "user" as const, userId: ctx.actor.userId } : { kind: "bot" as const };
      await handOff(deps, {
        workspaceId: ws,
        conversationId: request.params.id,
        reason: "agent_request",
        detail: request.body.note || null,
        by,
      }).catch(refuseWhenAlreadyOpen(db, ws, request.params.id));
      return presentOne(ws, request.params.id);
    },
  );

  r.post(
    "/api/v1/conversations/:id/bot",
    {
      schema: {
        tags,
        summary: "Hand the conversation back to the bot (unassigned); 409 bot.not_enabled when the number's bot is off",
        params: conversationParams,
        response: { 200: conversationsApi.schema, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      const conversation = await createConversationsRepo({ db }).get(ws, request.params.id, conversationScope(ctx));
      if (!conversation) throw notFound("conversations", request.params.id);
      const settings = await createBotSettingsRepo({ db }).get(conversation.channelId);
      if (settings.mode !== "bot_first")
        throw new AppError({
          code: "bot.not_enabled",
          status: 409,
          message: "The bot is off on this conversation's number: turn it on in the number's bot settings first",
        });
      await db.transaction(async (tx) => {
        const now = deps.clock.now();
        await createConversationsRepo({ db: tx }).update(ws, conversation.id, { handledBy: "bot", assigneeId: null });
        // A fresh start: the next unclear question gets its clarifying question again.
        await createBotStateRepo({ db: tx }).reset(ws, conversation.id, now);
        await deps.audit.record(
          {
            ...auditSource(request),
            action: "conversation.handed_to_bot",
            target: { type: "conversation", id: conversation.id },
            details: { previousAssigneeId: conversation.assigneeId },
          },
          { tx },
        );
      });
      deps.events.emit({ type: "conversation.updated", workspaceId: ws, conversationId: conversation.id });
      return presentOne(ws, conversation.id);
    },
  );

  r.get(
    "/api/v1/conversations/:id/handoffs",
    {
      schema: {
        tags,
        summary: "The conversation's handoffs to people, newest first (reason, summary, who)",
        params: conversationParams,
        response: { 200: z.object({ data: z.array(handoffSchema) }), 404: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      if (!(await createConversationsRepo({ db }).get(ws, request.params.id, conversationScope(ctx))))
        throw notFound("conversations", request.params.id);
      const rows = await createHandoffsRepo({ db, cipher: deps.cipher }).listByConversation(ws, request.params.id);
      return { data: rows.map((h) => ({ ...h, at: h.at.toISOString() })) };
    },
  );
}
