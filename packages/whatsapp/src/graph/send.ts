import type { GraphContext } from "./context.ts";
import { segment } from "./context.ts";
import type { OutboundMessage } from "./message-types.ts";
import { buildMessageBody } from "./messages.ts";
import { sendResponseSchema, successSchema } from "./responses.ts";
import type { SendResult, SuccessResult } from "./types.ts";
import { markReadSchema } from "./wire.ts";

/** Validates, sends and returns Meta's acceptance; validation errors are thrown before any request. */
export async function sendMessage({
  ctx,
  message,
  phoneNumberId,
}: {
  ctx: GraphContext;
  message: OutboundMessage;
  phoneNumberId?: string | undefined;
}): Promise<SendResult> {
  const body = buildMessageBody(message);
  const sender = ctx.phoneNumberId(phoneNumberId);
  const answer = await ctx.http.request({
    method: "POST",
    path: `${segment(sender)}/messages`,
    json: body,
    schema: sendResponseSchema,
    expected: "a send result with messages[0].id",
  });
  const [accepted] = answer.messages;
  const contact = answer.contacts?.[0];
  return {
    wamid: accepted?.id ?? "",
    ...(contact?.wa_id === undefined ? {} : { waId: contact.wa_id }),
    ...(contact?.user_id === undefined ? {} : { userId: contact.user_id }),
    input: contact?.input ?? body.to ?? body.recipient ?? "",
    messageStatus: accepted?.message_status ?? "accepted",
  };
}

/** Marks an inbound message (and every earlier one) as read; optionally shows "typing…" for up to 25 s. */
export async function markMessageAsRead({
  ctx,
  messageId,
  typingIndicator,
  phoneNumberId,
}: {
  ctx: GraphContext;
  messageId: string;
  typingIndicator?: boolean | undefined;
  phoneNumberId?: string | undefined;
}): Promise<SuccessResult> {
  const body = markReadSchema.parse({
    messaging_product: "whatsapp",
    status: "read",
    message_id: messageId,
    ...(typingIndicator ? { typing_indicator: { type: "text" } } : {}),
  });
  return ctx.http.request({
    method: "POST",
    path: `${segment(ctx.phoneNumberId(phoneNumberId))}/messages`,
    json: body,
    schema: successSchema,
    expected: "{ success: true }",
  });
}
