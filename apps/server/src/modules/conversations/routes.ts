import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { conversationStatuses } from "../../db/schema/conversations.ts";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { badRequest, notFound } from "../../http/errors.ts";
import { decodeCursor, errorResponse, page, pageQuery, toPage } from "../../http/pagination.ts";
import { conversationScope } from "../access/scope.ts";
import { recordConversationChanges } from "../audit/conversation-changes.ts";
import { auditSource } from "../audit/request.ts";
import { createUsersRepo } from "../auth/repo.ts";
import { botConversationRoutes } from "../bot/conversation-routes.ts";
import { createContactsRepo } from "../contacts/repo.ts";
import { toContactDto } from "../contacts/routes.ts";
import { contactSchema } from "../contacts/schemas.ts";
import { createInsightsRepo } from "../copilot/insights-repo.ts";
import { conversationAiSchema } from "../copilot/schemas.ts";
import { createMessagesRepo } from "../messages/repo.ts";
import { conversationSearch } from "../search/service.ts";
import { refuseWhenAlreadyOpen } from "./already-open.ts";
import { lastMessageSchema, toLastMessageDto } from "./last-message.ts";
import { sendReadReceipt } from "./read-receipts.ts";
import { type Conversation, createConversationsRepo } from "./repo.ts";

export const conversationSchema = z.object({
  id: z.uuid(),
  channelId: z.uuid(),
  contactId: z.uuid(),
  contact: contactSchema.nullable(),
  status: z.enum(conversationStatuses),
  assigneeId: z.uuid().nullable(),
  handledBy: z.enum(["bot", "human"]),
  unreadCount: z.number(),
  lastActivityAt: z.iso.datetime(),
  lastInboundAt: z.iso.datetime().nullable(),
  windowExpiresAt: z.iso.datetime().nullable().describe("End of the 24-hour customer service window; after it only templates can be sent"),
  windowOpen: z.boolean(),
  lastMessage: lastMessageSchema.nullable(),
  createdAt: z.iso.datetime(),
  ai: conversationAiSchema,
});

export async function conversationRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const params = z.object({ id: z.uuid() });

  const present = async (workspaceId: string, rows: Conversation[]) => {
    const contacts = await createContactsRepo({ db, cipher: deps.cipher }).getMany(
      workspaceId,
      rows.map((c) => c.contactId),
    );
    const latest = await createMessagesRepo({ db, cipher: deps.cipher }).latestByConversations(
      workspaceId,
      rows.map((c) => c.id),
    );
    // Language, sentiment trend and the attention flag (modules/copilot): one query for the page.
    const ai = await createInsightsRepo({ db, cipher: deps.cipher }).forConversations(
      workspaceId,
      rows.map((c) => c.id),
    );
    const now = deps.clock.now();
    return rows.map((c) => {
      const contact = contacts.get(c.contactId);
      const last = latest.get(c.id);
      return {
        id: c.id,
        channelId: c.channelId,
        contactId: c.contactId,
        contact: contact ? toContactDto(contact) : null,
        status: c.status,
        assigneeId: c.assigneeId,
        handledBy: c.handledBy,
        unreadCount: c.unreadCount,
        lastActivityAt: c.lastActivityAt.toISOString(),
        lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
        windowExpiresAt: c.windowExpiresAt?.toISOString() ?? null,
        windowOpen: Boolean(c.windowExpiresAt && c.windowExpiresAt > now),
        lastMessage: last ? toLastMessageDto(last) : null,
        createdAt: c.createdAt.toISOString(),
        ai: ai.get(c.id) ?? null,
      };
    });
  };

  r.get(
    "/api/v1/conversations",
    {
      schema: {
        tags: ["conversations"],
        summary: "List conversations, newest activity first",
        querystring: z.object({
          ...pageQuery,
          status: z.enum(conversationStatuses).optional(),
          channelId: z.uuid().optional(),
          assigneeId: z.uuid().optional(),
          contactId: z.uuid().optional(),
          unassigned: z
            .enum(["true", "false"])
            .optional()
            .describe('"true": only conversations nobody is assigned to (cannot be combined with assigneeId)'),
          q: z
            .string()
            .trim()
            .min(1)
            .max(500)
            .optional()
            .describe("Only conversations whose contact (name prefix, phone, e-mail, tag) or messages (every word) match"),
        }),
        response: { 200: page(conversationSchema), 400: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      const { limit, cursor, unassigned, q, ...filters } = request.query;
      if (unassigned === "true" && filters.assigneeId)
        throw badRequest("request.invalid", "unassigned: cannot be combined with assigneeId");
      const rows = await createConversationsRepo({ db }).list(
        ws,
        {
          ...filters,
          unassigned: unassigned === "true",
          ...(q ? { matching: conversationSearch({ cipher: deps.cipher, workspaceId: ws, q }) } : {}),
        },
        { limit: limit + 1, before: decodeCursor(cursor) },
        conversationScope(ctx),
      );
      const pageOf = toPage(
        rows,
        limit,
        (c) => c,
        (c) => ({ at: c.lastActivityAt, id: c.id }),
      );
      return { data: await present(ws, pageOf.data), nextCursor: pageOf.nextCursor };
    },
  );

  r.get(
    "/api/v1/conversations/:id",
    {
      schema: { tags: ["conversations"], summary: "Get a conversation", params, response: { 200: conversationSchema, 404: errorResponse } },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      const conversation = await createConversationsRepo({ db }).get(ws, request.params.id, conversationScope(ctx));
      if (!conversation) throw notFound("conversations", request.params.id);
      const [dto] = await present(ws, [conversation]);
      return dto as z.infer<typeof conversationSchema>;
    },
  );

  r.patch(
    "/api/v1/conversations/:id",
    {
      schema: {
        tags: ["conversations"],
        summary:
          "Change status or assignee; `markRead` clears the unread count and sends WhatsApp read receipts (blue ticks); `markUnread` makes it count as unread again",
        params,
        body: z.object({
          status: z.enum(conversationStatuses).optional(),
          assigneeId: z.uuid().nullable().optional(),
          markRead: z.boolean().optional(),
          markUnread: z
            .boolean()
            .optional()
            .describe("Puts the conversation back among the unread ones (unread count at least 1); the customer sees nothing"),
          handledBy: z.enum(["bot", "human"]).optional().describe('"human" is the "Transfer to human" action: the bot stops answering'),
        }),
        response: { 200: conversationSchema, 400: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      const { status, assigneeId, markRead, markUnread, handledBy } = request.body;
      // Out of the caller's scope is answered like a conversation that does not exist.
      const before = await createConversationsRepo({ db }).get(ws, request.params.id, conversationScope(ctx));
      if (!before) throw notFound("conversations", request.params.id);
      if (markRead && markUnread) {
        throw badRequest("request.invalid", "markRead, markUnread: only one of them can be true", {
          issues: [
            { field: "body.markRead", message: "cannot be true together with markUnread" },
            { field: "body.markUnread", message: "cannot be true together with markRead" },
          ],
        });
      }
      if (assigneeId) {
        if (!(await createUsersRepo({ db }).existsInWorkspace(ws, assigneeId)))
          throw badRequest("conversations.invalid_assignee", `assigneeId: no user ${assigneeId} in this workspace`);
      }
      const repo = createConversationsRepo({ db });
      const patch = {
        ...(status ? { status } : {}),
        ...(assigneeId !== undefined ? { assigneeId } : {}),
        ...(markRead ? { unreadCount: 0 } : {}),
        ...(markUnread ? { markUnread: true } : {}),
        ...(handledBy ? { handledBy } : {}),
      };
      // Nothing to write (an empty body): answer with the conversation as it is.
      const unchanged = Object.keys(patch).length === 0;
      // One transaction: the conversation and its report facts (resolution, handoff, assignee) change together.
      const updated = await (unchanged
        ? repo.get(ws, request.params.id)
        : db.transaction((tx) => createConversationsRepo({ db: tx }).update(ws, request.params.id, patch))
      ).catch(refuseWhenAlreadyOpen(db, ws, request.params.id));
      if (!updated) throw notFound("conversations", request.params.id);
      await recordConversationChanges({ audit: deps.audit, source: auditSource(request), before, after: updated });
      deps.events.emit({ type: "conversation.updated", workspaceId: ws, conversationId: updated.id });
      if (markRead) void sendReadReceipt({ ctx: authOf(request), conversationId: updated.id, channelId: updated.channelId, deps });
      const [dto] = await present(ws, [updated]);
      return dto as z.infer<typeof conversationSchema>;
    },
  );

  // Transfer to human, hand back to the bot, handoff history (modules/bot), answered with this module's conversation object.
  await botConversationRoutes(app, deps, { schema: conversationSchema, present });
}
