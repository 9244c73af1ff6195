import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { badRequest } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { createChannelsRepo } from "../channels/repo.ts";
import { createContactsRepo, phoneDigits } from "../contacts/repo.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import { presentMessages } from "../messages/presenter.ts";
import { createMessagesRepo } from "../messages/repo.ts";
import { clientIdempotencyKey, messageSchema, type SendMessageBody, sendMessageBody } from "../messages/schemas.ts";
import { queueMessage, sendDepsOf } from "../messages/send-service.ts";

/** Feed cursors: base64url of `<transaction id>.<sequence>`, the position of the last message returned. */
const encodeFeedCursor = ({ txId, seq }: { txId: number; seq: number }) => Buffer.from(`f1.${txId}.${seq}`).toString("base64url");
function decodeFeedCursor(cursor: string | undefined): { txId: number; seq: number } | undefined {
  if (!cursor) return undefined;
  const [version, txId, seq] = Buffer.from(cursor, "base64url").toString("utf8").split(".");
  // At most 15 digits: PostgreSQL's bigint and a JS number both hold it exactly (a longer one is forged).
  if (version !== "f1" || !/^\d{1,15}$/.test(txId ?? "") || !/^\d{1,15}$/.test(seq ?? "")) {
    throw badRequest("request.invalid_cursor", "since: not a cursor returned by /receive-message");
  }
  return { txId: Number(txId), seq: Number(seq) };
}

const simpleSendBody = z.object({
  to: z.string().describe("The customer's phone with country code, e.g. +5511912345678"),
  channelId: z.uuid().optional().describe("Defaults to the workspace's first channel"),
  text: z.string().optional(),
  template: z.object({ name: z.string(), language: z.string(), components: z.array(z.unknown()).optional() }).optional(),
  message: z.unknown().optional().describe("Any body accepted by POST /api/v1/conversations/{id}/messages"),
});

/**
 * The seed's two endpoints, kept as thin aliases for simple integrations: `POST /send-message` to a phone number and
 * `GET /receive-message` to poll inbound messages after a cursor. Both need the bearer token.
 */
export async function legacyRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const sendDeps = sendDepsOf(deps);

  r.post(
    "/send-message",
    {
      schema: {
        tags: ["simple"],
        summary: "Send to a phone number (finds or creates the contact and conversation)",
        headers: z.object({ "idempotency-key": clientIdempotencyKey.optional() }),
        body: simpleSendBody,
        response: { 200: messageSchema, 202: messageSchema, 400: errorResponse, 422: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      const { to, channelId, text, template, message } = request.body;
      const chosen = [text !== undefined, template !== undefined, message !== undefined].filter(Boolean).length;
      if (chosen !== 1) throw badRequest("request.invalid", "Give exactly one of text, template or message");
      const body = sendMessageBody.safeParse(
        message ?? (text !== undefined ? { type: "text", body: text } : { type: "template", ...template }),
      );
      if (!body.success) {
        const issue = body.error.issues[0];
        throw badRequest("request.invalid", `${["message", ...(issue?.path ?? [])].join(".")}: ${issue?.message ?? "invalid"}`);
      }
      const digits = phoneDigits(to);
      if (digits.length < 6) throw badRequest("request.invalid", "to: must be a phone number with country code");
      const channels = await createChannelsRepo({ db, cipher: deps.cipher }).list(ctx.workspaceId);
      const channel = channelId ? channels.find((c) => c.id === channelId) : channels[0];
      if (!channel)
        throw badRequest("channels.not_found", channelId ? `channelId: no channel ${channelId}` : "No channel is connected yet");
      const contacts = createContactsRepo({ db, cipher: deps.cipher });
      const contact =
        (await contacts.findByPhone(ctx.workspaceId, digits)) ??
        (await contacts.insertIfAbsent(ctx.workspaceId, { phone: `+${digits}`, waId: digits })) ??
        (await contacts.findByPhone(ctx.workspaceId, digits));
      if (!contact) throw new Error("contact could not be found or created");
      const { conversation } = await createConversationsRepo({ db }).openOrReuse(ctx.workspaceId, channel.id, contact.id, deps.clock.now());
      const result = await queueMessage({
        ctx,
        conversationId: conversation.id,
        body: body.data as SendMessageBody,
        idempotencyKey: request.headers["idempotency-key"],
        ip: request.ip,
        deps: sendDeps,
      });
      const [dto] = await presentMessages({ db, cipher: deps.cipher, workspaceId: ctx.workspaceId, messages: [result.message] });
      return reply.code(result.created ? 202 : 200).send(dto as z.infer<typeof messageSchema>);
    },
  );

  r.get(
    "/receive-message",
    {
      schema: {
        tags: ["simple"],
        summary: "Inbound messages after a cursor, oldest first; poll again with the returned cursor",
        querystring: z.object({ since: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ data: z.array(messageSchema), nextCursor: z.string().nullable() }), 400: errorResponse },
      },
    },
    async (request) => {
      const ws = authOf(request).workspaceId;
      const rows = await createMessagesRepo({ db, cipher: deps.cipher }).listInboundFeed(ws, {
        limit: request.query.limit,
        after: decodeFeedCursor(request.query.since),
      });
      const last = rows.at(-1);
      return {
        data: await presentMessages({ db, cipher: deps.cipher, workspaceId: ws, messages: rows }),
        nextCursor: last ? encodeFeedCursor(last.feedPosition) : (request.query.since ?? null),
      };
    },
  );
}
