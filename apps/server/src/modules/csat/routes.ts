import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { ServiceContext } from "../../context.ts";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { notFound } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { canSeeConversation } from "../access/scope.ts";
import { actorOf } from "../audit/trail.ts";
import { recordCsat } from "../reports/facts.ts";
import { type CsatResponse, createCsatRepo } from "./repo.ts";
import { type CsatResponseDto, csatListSchema, csatParams, csatResponseSchema, recordCsatBody } from "./schemas.ts";

const toDto = (r: CsatResponse): CsatResponseDto => ({
  id: r.id,
  conversationId: r.conversationId,
  score: r.score,
  comment: r.comment,
  at: r.at.toISOString(),
});

/**
 * Stores the score with the conversation's number and current assignee (who the reports credit it to) and writes its
 * report fact in the same transaction, so a score is never in one without the other.
 */
async function recordCsatResponse(
  deps: Deps,
  ctx: ServiceContext,
  conversationId: string,
  input: { score: number; comment?: string | undefined },
  ip: string,
): Promise<CsatResponse> {
  return deps.database.db.transaction(async (tx) => {
    const repo = createCsatRepo({ db: tx, cipher: deps.cipher });
    const conversation = await repo.conversationOf(ctx.workspaceId, conversationId);
    if (!conversation) throw notFound("conversations", conversationId);
    const at = deps.clock.now();
    const comment = input.comment ? input.comment : null;
    const created = await repo.insert(ctx.workspaceId, {
      conversationId,
      channelId: conversation.channelId,
      agentId: conversation.assigneeId,
      score: input.score,
      comment,
      at,
    });
    await recordCsat(tx, {
      workspaceId: ctx.workspaceId,
      channelId: conversation.channelId,
      conversationId,
      agentId: conversation.assigneeId,
      score: input.score,
      at,
    });
    // The comment is the customer's words: the audit log keeps only that there was one.
    await deps.audit.record(
      {
        workspaceId: ctx.workspaceId,
        actor: actorOf(ctx),
        action: "csat.recorded",
        target: { type: "conversation", id: conversationId },
        details: { csatId: created.id, score: input.score, withComment: comment !== null },
        ip,
      },
      { tx },
    );
    return created;
  });
}

/** Customer satisfaction scores, given by a CRM or a survey tool, for conversations in the caller's scope. */
export async function csatRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["conversations"];
  // A conversation out of the caller's scope is answered like one that does not exist.
  const requireConversation = async (ctx: ServiceContext, id: string) => {
    if (!(await canSeeConversation(deps.database.db, ctx, id))) throw notFound("conversations", id);
  };

  r.post(
    "/api/v1/conversations/:id/csat",
    {
      schema: {
        tags,
        summary: "Record the customer's satisfaction score (1–5) and optional comment for a conversation",
        params: csatParams,
        body: recordCsatBody,
        response: { 201: csatResponseSchema, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      await requireConversation(ctx, request.params.id);
      const created = await recordCsatResponse(deps, ctx, request.params.id, request.body, request.ip);
      return reply.code(201).send(toDto(created));
    },
  );
  r.get(
    "/api/v1/conversations/:id/csat",
    {
      schema: {
        tags,
        summary: "A conversation's satisfaction scores, newest first",
        params: csatParams,
        response: { 200: csatListSchema, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      await requireConversation(ctx, request.params.id);
      const items = await createCsatRepo({ db: deps.database.db, cipher: deps.cipher }).listForConversation(
        ctx.workspaceId,
        request.params.id,
      );
      return { items: items.map(toDto) };
    },
  );
}
