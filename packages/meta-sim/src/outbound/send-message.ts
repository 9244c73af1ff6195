import { parseOutboundRequest, type WireMarkRead, type WireOutboundMessage } from "@papo/whatsapp";
import type { SimContext } from "../context.ts";
import { fail, type GraphFailure, type GraphResult, objectNotFound, succeed } from "../graph/failure.ts";
import { makeWamid } from "../ids.ts";
import { checkTemplateSend } from "../rules/template-send.ts";
import { isUndeliverable } from "../rules/undeliverable.ts";
import { digitsOf, type OutboundRecord, type PhoneNumberRecord, type TemplateCategory } from "../state.ts";
import { templatesOf } from "../templates/registry.ts";
import { webhookError } from "../webhooks/payloads/errors.ts";
import { type DeliveryPlan, scheduleStatuses } from "./lifecycle.ts";
import { pricingFor } from "./pricing.ts";

/** Meta's answer to an accepted send (meta-cloud-api.md §1.2), or `{ success: true }` for read receipts. */
export type SendResponse =
  | { messaging_product: "whatsapp"; contacts: Record<string, string>[]; messages: { id: string; message_status: "accepted" }[] }
  | { success: true };

const MEDIA_TYPES = new Set(["image", "audio", "video", "document", "sticker"]);

/**
 * Handles `POST /{phone-number-id}/messages` in Meta's order: the number must exist, fault scenarios and the
 * throughput limit apply to every call, then the body is validated and the per-message rules run. Failures Meta
 * reports asynchronously (closed window, undeliverable number, unknown media or reaction target) are accepted here
 * and turned into a `failed` status webhook by the delivery plan.
 */
export async function sendMessage(
  ctx: SimContext,
  { phoneNumberId, body }: { phoneNumberId: string; body: unknown },
): Promise<GraphResult<SendResponse>> {
  const phoneNumber = ctx.state.phoneNumbers.get(phoneNumberId);
  if (!phoneNumber) return fail(objectNotFound({ id: phoneNumberId, method: "post" }));

  const rawTo = typeof body === "object" && body !== null && "to" in body && typeof body.to === "string" ? body.to : undefined;
  const fault = ctx.faults.take({ on: "send", ...(rawTo === undefined ? {} : { to: rawTo }) });
  if (fault?.scenario.delayMs) await ctx.scheduler.sleep(fault.scenario.delayMs);
  const asStatus = fault?.fails === true && fault.scenario.as === "status";
  if (fault?.fails && !asStatus)
    return fail({ code: fault.code, ...(fault.httpStatus === undefined ? {} : { httpStatus: fault.httpStatus }) });

  if (!ctx.throughput.tryAcquire(phoneNumberId)) {
    return fail({
      code: 130429,
      details: "Message failed to send because there were too many messages sent from this phone number in a short period of time.",
    });
  }

  const parsed = parseOutboundRequest(body);
  if (!parsed.ok) {
    const onRecipient = parsed.issues.every((i) => i.path === "to" || i.path === "recipient");
    return fail({
      code: onRecipient ? 131009 : 100,
      details: parsed.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "),
    });
  }
  if (parsed.kind === "mark_read") return markRead(ctx, { phoneNumber, request: parsed.value });
  return acceptMessage(ctx, {
    phoneNumber,
    message: parsed.value,
    faultError: asStatus && fault ? { code: fault.code, details: "Injected failure (fault scenario)." } : undefined,
  });
}

function markRead(
  ctx: SimContext,
  { phoneNumber, request }: { phoneNumber: PhoneNumberRecord; request: WireMarkRead },
): GraphResult<SendResponse> {
  const inbound = ctx.state.inbound.get(request.message_id);
  if (!inbound || inbound.phoneNumberId !== phoneNumber.id) {
    return fail({ code: 100, details: `message_id: ${request.message_id} is not a message this number received` });
  }
  ctx.state.reads.push({
    phoneNumberId: phoneNumber.id,
    messageId: request.message_id,
    typing: request.typing_indicator !== undefined,
    atMs: ctx.clock.now(),
  });
  return succeed({ success: true });
}

function acceptMessage(
  ctx: SimContext,
  {
    phoneNumber,
    message,
    faultError,
  }: { phoneNumber: PhoneNumberRecord; message: WireOutboundMessage; faultError: GraphFailure | undefined },
): GraphResult<SendResponse> {
  if (message.recipient_type === "group") return fail({ code: 100, details: "recipient_type: group messaging is not simulated" });
  const waId = message.to === undefined ? undefined : digitsOf(message.to);
  const userId = waId === undefined ? message.recipient : undefined;
  const customer = waId ?? userId ?? "";
  if (waId !== undefined && waId === digitsOf(phoneNumber.displayPhoneNumber))
    return fail({ code: 131021, details: "Recipient cannot be sender." });
  if (!ctx.pairRate.tryAcquire({ phoneNumberId: phoneNumber.id, customer })) {
    return fail({
      code: 131056,
      details:
        "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
    });
  }

  let templateCategory: TemplateCategory | undefined;
  if (message.type === "template") {
    const check = checkTemplateSend({
      templates: templatesOf(ctx.state, phoneNumber.wabaId),
      request: { name: message.template.name, languageCode: message.template.language.code, components: message.template.components ?? [] },
    });
    if (!check.ok) return fail(check.failure);
    templateCategory = check.template.category;
  }

  const window = ctx.window.state({ phoneNumberId: phoneNumber.id, customer });
  const windowClosed = message.type !== "template" && !window.open;
  if (windowClosed && ctx.config.windowMode === "strict") return fail(reEngagement());

  const now = ctx.clock.now();
  const wamid = makeWamid({ customer, direction: "outbound" });
  const record: OutboundRecord = {
    wamid,
    phoneNumberId: phoneNumber.id,
    input: message.to ?? message.recipient ?? "",
    ...(waId === undefined ? {} : { waId }),
    ...(userId === undefined ? {} : { userId }),
    type: message.type,
    body: message as Record<string, unknown>,
    acceptedAtMs: now,
    statuses: [],
  };
  ctx.state.outbound.set(wamid, record);
  const { pricing, conversation } = pricingFor({ ...(templateCategory ? { templateCategory } : {}), window, atMs: now });
  const asyncFailure = windowClosed ? reEngagement() : (mediaFailure(ctx, message) ?? reactionFailure(ctx, message) ?? faultError);
  let plan: DeliveryPlan;
  if (asyncFailure) {
    plan = {
      outcome: "failed",
      afterSent: false,
      error: webhookError({ code: asyncFailure.code, details: asyncFailure.details ?? "Injected failure." }),
    };
  } else if (waId !== undefined && isUndeliverable(waId)) {
    plan = {
      outcome: "failed",
      afterSent: true,
      pricing,
      error: webhookError({
        code: 131026,
        details: "Message Undeliverable: the recipient is not on WhatsApp or cannot receive messages from this business.",
      }),
    };
  } else {
    plan = {
      outcome: "delivered",
      pricing,
      ...(conversation ? { conversation } : {}),
      voice: message.type === "audio" && message.audio.voice === true,
    };
  }
  scheduleStatuses(ctx, { record, plan });
  ctx.options.log(`send ${message.type} → ${record.input} accepted as ${wamid}`);

  const contact: Record<string, string> =
    waId === undefined ? { input: record.input, user_id: customer } : { input: record.input, wa_id: waId };
  return succeed({ messaging_product: "whatsapp", contacts: [contact], messages: [{ id: wamid, message_status: "accepted" }] });
}

const reEngagement = (): GraphFailure => ({
  code: 131047,
  details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
});

function mediaFailure(ctx: SimContext, message: WireOutboundMessage): GraphFailure | undefined {
  if (!MEDIA_TYPES.has(message.type)) return undefined;
  const media = (message as Record<string, unknown>)[message.type];
  const id = typeof media === "object" && media !== null && "id" in media && typeof media.id === "string" ? media.id : undefined;
  if (id === undefined || ctx.state.media.has(id)) return undefined;
  return { code: 131053, details: `Media upload error: media id ${id} was not found or has expired.` };
}

function reactionFailure(ctx: SimContext, message: WireOutboundMessage): GraphFailure | undefined {
  if (message.type !== "reaction") return undefined;
  const target = message.reaction.message_id;
  if (ctx.state.inbound.has(target) || ctx.state.outbound.has(target)) return undefined;
  return { code: 131009, details: `reaction.message_id: message ${target} was not found, is older than 30 days or cannot be reacted to.` };
}
