/**
 * @module @papo/whatsapp
 * Meta's WhatsApp Cloud API protocol, typed and pure: webhook verification and normalisation, a Graph API client,
 * and one error classification for synchronous errors and failed statuses. No database, no process.env.
 */

// Delivery status ordering
export type { DeliveryStatus } from "./status-order.ts";
export { canReplaceStatus } from "./status-order.ts";
export type {
  AccountUpdateEvent,
  ContactCard,
  EventError,
  EventSource,
  InboundContent,
  InboundMessageEvent,
  InboundMessageType,
  InteractiveReply,
  MediaRef,
  MessageContext,
  OrderItem,
  PhoneNumberQualityEvent,
  PricingInfo,
  Referral,
  StatusEvent,
  TemplateCategoryEvent,
  TemplateQualityEvent,
  TemplateStatusEvent,
  UnknownEvent,
  UserPreferenceEvent,
  ValueErrorEvent,
  WebhookEvent,
  WebhookEventKind,
  WhatsAppUser,
} from "./webhook/events.ts";
// Webhooks: handshake, signature, normalisation
export type { HandshakeQuery, HandshakeResult, VerifyHandshakeOptions } from "./webhook/handshake.ts";
export { verifyHandshake } from "./webhook/handshake.ts";
export type { NormalizeResult } from "./webhook/normalize.ts";
export { normalizeWebhook, normalizeWebhookBody } from "./webhook/normalize.ts";
export type { WebhookPayloadError } from "./webhook/parse.ts";
export { parseWebhookBody } from "./webhook/parse.ts";
export type { RawBody, SignatureCheck, SignPayloadOptions, VerifySignatureOptions } from "./webhook/signature.ts";
export { SIGNATURE_HEADER, serializeLikeMeta, signPayload, verifySignature } from "./webhook/signature.ts";
export { parseUnixSeconds } from "./webhook/timestamps.ts";
