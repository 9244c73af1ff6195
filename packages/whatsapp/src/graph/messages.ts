/**
 * Pure builders from camelCase {@link OutboundMessage} params to Meta's wire body. No HTTP here: the client sends what
 * these return, and tests compare it with Meta's documented JSON.
 *
 * @module
 */
import { validationError } from "../errors/local-errors.ts";
import type { MessageCommon, OutboundMessage } from "./message-types.ts";
import { contactsPayload } from "./messages-contacts.ts";
import { buttonsPayload, ctaUrlPayload, flowPayload, listPayload, locationRequestPayload } from "./messages-interactive.ts";
import { templatePayload } from "./messages-template.ts";
import { toWireIssues } from "./wire/issues.ts";
import { outboundMessageSchema, type WireOutboundMessage } from "./wire.ts";
import { mediaRef } from "./wire-payload.ts";

const PHONE_CHARS = /^[+\d\s\-().]+$/;

/**
 * Without `+`, Meta reads the number as local to the business's own country and may reach someone else (§1.1).
 * Callers pass numbers that already carry the country code (stored `wa_id` digits, E.164 with punctuation), so the
 * digits are kept and the `+` is made explicit.
 */
const normalizePhone = (to: string): string => (PHONE_CHARS.test(to) ? `+${to.replace(/\D/g, "")}` : to);

/** Drops `undefined` members so the body is exactly what Meta documents, not a JSON with holes. */
const withoutUndefined = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => [key, withoutUndefined(member)]),
  );
};

/** `[type, payload]` for the message; the envelope is shared. */
const typedPayload = (message: OutboundMessage): [WireOutboundMessage["type"], unknown] => {
  switch (message.type) {
    case "text":
      return ["text", { preview_url: message.previewUrl, body: message.body }];
    case "image":
    case "video":
      return [message.type, { ...mediaRef(message), caption: message.caption }];
    case "document":
      return ["document", { ...mediaRef(message), caption: message.caption, filename: message.filename }];
    case "audio":
      return ["audio", { ...mediaRef(message), voice: message.voice }];
    case "sticker":
      return ["sticker", mediaRef(message)];
    case "location":
      return ["location", { latitude: message.latitude, longitude: message.longitude, name: message.name, address: message.address }];
    case "contacts":
      return ["contacts", contactsPayload(message.contacts)];
    case "buttons":
      return ["interactive", buttonsPayload(message)];
    case "list":
      return ["interactive", listPayload(message)];
    case "cta_url":
      return ["interactive", ctaUrlPayload(message)];
    case "flow":
      return ["interactive", flowPayload(message)];
    case "location_request":
      return ["interactive", locationRequestPayload(message)];
    case "template":
      return ["template", templatePayload(message)];
    case "reaction":
      return ["reaction", { message_id: message.messageId, emoji: message.remove ? "" : message.emoji }];
  }
};

/**
 * Builds and validates the wire body of `POST /{phone-number-id}/messages`. Throws a `WhatsAppValidationError` naming
 * the offending field (Meta's snake_case path) before any HTTP call is made.
 *
 * @example
 * buildMessageBody({ type: "text", to: "5511912345678", body: "Olá!", replyTo: "wamid.HBg..." });
 * // { messaging_product: "whatsapp", recipient_type: "individual", to: "+5511912345678",
 * //   context: { message_id: "wamid.HBg..." }, type: "text", text: { body: "Olá!" } }
 */
export function buildMessageBody(message: OutboundMessage): WireOutboundMessage {
  const typed = typeof message === "object" && message !== null ? typedPayload(message) : undefined;
  if (typed === undefined) {
    const type: unknown = typeof message === "object" && message !== null ? (message as { type?: unknown }).type : undefined;
    throw validationError({ issues: [{ path: "type", message: `unsupported message type ${JSON.stringify(type)}` }], raw: message });
  }
  const [type, payload] = typed;
  const common: MessageCommon = message;
  const body = withoutUndefined({
    messaging_product: "whatsapp",
    recipient_type: common.recipientType ?? "individual",
    to: common.to === undefined || common.recipientType === "group" ? common.to : normalizePhone(common.to),
    recipient: common.recipient,
    context: common.replyTo === undefined ? undefined : { message_id: common.replyTo },
    biz_opaque_callback_data: common.bizOpaqueCallbackData,
    type,
    [type]: payload,
  });
  const result = outboundMessageSchema.safeParse(body);
  if (!result.success) throw validationError({ issues: toWireIssues(result.error.issues), raw: body });
  return result.data;
}
