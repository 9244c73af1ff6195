/**
 * @module @papo/whatsapp
 * Meta's WhatsApp Cloud API protocol, typed and pure: webhook verification and normalisation, a Graph API client,
 * and one error classification for synchronous errors and failed statuses. No database, no process.env.
 */

export type { ClassifyErrorOptions, ErrorClassification } from "./errors/classify.ts";
export { classifyError } from "./errors/classify.ts";
// Errors: one classification for synchronous Graph errors and failed statuses
export type { AgentMessage, ErrorCategory, ErrorCodeInfo, GraphErrorBody, GraphErrorBodyOptions } from "./errors/codes.ts";
export { ERROR_CODE_TABLE, graphErrorBody, lookupErrorCode } from "./errors/codes.ts";
export type { ErrorFromGraphResponseOptions, StatusErrorEntry } from "./errors/factories.ts";
export { errorFromGraphResponse, errorFromStatusErrors } from "./errors/factories.ts";
export type { WhatsAppErrorInit, WhatsAppErrorType } from "./errors/whatsapp-error.ts";
export {
  WhatsAppAuthError,
  WhatsAppError,
  WhatsAppMediaIntegrityError,
  WhatsAppNetworkError,
  WhatsAppPermanentError,
  WhatsAppRateLimitError,
  WhatsAppTemplateError,
  WhatsAppTransientError,
  WhatsAppValidationError,
  WhatsAppWindowClosedError,
} from "./errors/whatsapp-error.ts";
// Graph API client
export type { RemoveReactionParams, SendParams, SendReactionParams, WhatsAppClient } from "./graph/client.ts";
export { createWhatsAppClient } from "./graph/client.ts";
export type { UploadMediaParams } from "./graph/media.ts";
export type { MediaKind } from "./graph/media-rules.ts";
export { baseMimeType, MEDIA_RULES, mediaKindOf, uploadIssues } from "./graph/media-rules.ts";
export type {
  AudioMessage,
  ButtonsMessage,
  ContactCard as ContactCardParams,
  ContactsMessage,
  CtaUrlMessage,
  DocumentMessage,
  FlowMessage,
  ImageMessage,
  InteractiveHeader,
  ListMessage,
  LocationMessage,
  LocationRequestMessage,
  MediaMessage,
  MediaSource,
  MessageAddressing,
  MessageCommon,
  OutboundMessage,
  ReactionMessage,
  StickerMessage,
  TemplateComponentParams,
  TemplateMessage,
  TemplateParameter,
  TextMessage,
  VideoMessage,
} from "./graph/message-types.ts";
export { buildMessageBody } from "./graph/messages.ts";
export { checkSha256 } from "./graph/sha256.ts";
export type { CreateTemplateParams, ListTemplatesParams } from "./graph/templates.ts";
export type {
  CreatedTemplate,
  DownloadedMedia,
  MediaInfo,
  MessageTemplate,
  PhoneNumberInfo,
  PhoneNumberScope,
  SendResult,
  SuccessResult,
  TemplateCategory,
  TemplateDefinitionComponent,
  TemplatePage,
  TemplateStatus,
  WhatsAppClientOptions,
} from "./graph/types.ts";
export type { ParsedOutboundRequest, WireIssue, WireMarkRead, WireOutboundMessage } from "./graph/wire.ts";
export { markReadSchema, OUTBOUND_MESSAGE_TYPES, outboundMessageSchema, parseOutboundRequest, WIRE_LIMITS } from "./graph/wire.ts";
// Delivery status ordering
export type { DeliveryStatus } from "./status-order.ts";
export { canReplaceStatus } from "./status-order.ts";
// Template definitions: Meta's creation rules, checked before submitting
export type { DefinitionIssue, TemplateButtonDefinition, TemplateDefinition, TemplateHeaderDefinition } from "./templates/definition.ts";
export { toCreationComponents } from "./templates/to-components.ts";
export { TEMPLATE_LIMITS, validateTemplateDefinition, variablesIn } from "./templates/validate-definition.ts";
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
