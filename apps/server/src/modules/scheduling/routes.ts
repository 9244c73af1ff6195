import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { decodeCursor, errorResponse, page, toPage } from "../../http/pagination.ts";
import { workspaceTimeZone } from "../workspaces/settings-repo.ts";
import {
  conversationScheduledQuery,
  createScheduledBody,
  scheduledSchema,
  scheduledWithWarnings,
  updateScheduledBody,
  workspaceScheduledQuery,
} from "./schemas.ts";
import { cancelItem, listForConversation, listForWorkspace, scheduleItem, toDto, updateItem } from "./service.ts";

export async function schedulingRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["scheduling"];
  const params = z.object({ id: z.uuid() });

  r.post(
    "/api/v1/conversations/:id/scheduled-messages",
    {
      schema: {
        tags,
        summary: "Schedule a message, a follow-up (condition no_reply) or a reminder in a conversation",
        description:
          "Exactly one of sendAt, sendAtLocal (workspace time zone) or afterHours; at least 30 s ahead, at most a year. " +
          "The message is checked now like a send (limits, media); the 24-hour window and marketing consent are judged at its time. " +
          "warnings: scheduling.window_closed_at_send_time when a free-form message's window is closed at sendAt.",
        params,
        body: createScheduledBody,
        response: { 201: scheduledWithWarnings, 400: errorResponse, 404: errorResponse, 422: errorResponse },
      },
    },
    async (request, reply) => {
      const result = await scheduleItem({
        deps,
        ctx: authOf(request),
        conversationId: request.params.id,
        input: request.body,
        ip: request.ip,
      });
      return reply.code(201).send(result);
    },
  );

  r.get(
    "/api/v1/conversations/:id/scheduled-messages",
    {
      schema: {
        tags,
        summary: "A conversation's scheduled messages and reminders, by time",
        params,
        querystring: conversationScheduledQuery,
        response: { 200: z.object({ data: z.array(scheduledSchema) }), 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => ({
      data: await listForConversation({ deps, ctx: authOf(request), conversationId: request.params.id, status: request.query.status }),
    }),
  );

  r.get(
    "/api/v1/scheduled-messages",
    {
      schema: {
        tags,
        summary: "The workspace's scheduled items the caller may see, by time (mine=true: those the caller scheduled)",
        querystring: workspaceScheduledQuery,
        response: { 200: page(scheduledSchema), 400: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const { status, mine, limit, cursor } = request.query;
      const rows = await listForWorkspace({ deps, ctx, status, mine, after: decodeCursor(cursor), limit: limit + 1 });
      const timeZone = await workspaceTimeZone(deps.database.db, ctx.workspaceId);
      return toPage(
        rows,
        limit,
        (item) => toDto(item, timeZone),
        (item) => ({ at: item.sendAt, id: item.id }),
      );
    },
  );

  r.patch(
    "/api/v1/scheduled-messages/:id",
    {
      schema: {
        tags,
        summary: "Change a scheduled item while it is still scheduled (409 scheduling.not_editable once it went)",
        params,
        body: updateScheduledBody,
        response: { 200: scheduledWithWarnings, 400: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (request) => updateItem({ deps, ctx: authOf(request), id: request.params.id, input: request.body, ip: request.ip }),
  );

  r.delete(
    "/api/v1/scheduled-messages/:id",
    {
      schema: {
        tags,
        summary: "Cancel a scheduled item (409 scheduling.not_editable once it went)",
        params,
        response: { 200: scheduledSchema, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => cancelItem({ deps, ctx: authOf(request), id: request.params.id, ip: request.ip }),
  );
}
