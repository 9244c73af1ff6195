/**
 * The WhatsApp Cloud API (Graph) client: one object of verbs over an injectable `fetch`.
 *
 * @module
 */
import { createGraphContext } from "./context.ts";
import { createGraphHttp } from "./http.ts";
import { deleteMedia, downloadMedia, getMediaInfo, type UploadMediaParams, uploadMedia } from "./media.ts";
import type {
  ButtonsMessage,
  ContactsMessage,
  CtaUrlMessage,
  FlowMessage,
  ListMessage,
  LocationMessage,
  MediaMessage,
  MessageAddressing,
  OutboundMessage,
  TemplateMessage,
  TextMessage,
} from "./message-types.ts";
import { getPhoneNumber } from "./phone-numbers.ts";
import { markMessageAsRead, sendMessage } from "./send.ts";
import { type CreateTemplateParams, createTemplate, deleteTemplate, type ListTemplatesParams, listTemplates } from "./templates.ts";
import type {
  CreatedTemplate,
  DownloadedMedia,
  MediaInfo,
  PhoneNumberInfo,
  PhoneNumberScope,
  SendResult,
  SuccessResult,
  TemplatePage,
  WhatsAppClientOptions,
} from "./types.ts";

/** A message's params without its `type` (the wrapper sets it), plus the per-call sender override. */
export type SendParams<M> = M extends unknown ? Omit<M, "type"> & PhoneNumberScope : never;

/** Params of `sendReaction`. */
export type SendReactionParams = MessageAddressing & PhoneNumberScope & { messageId: string; emoji: string };

/** Params of `removeReaction`. */
export type RemoveReactionParams = MessageAddressing & PhoneNumberScope & { messageId: string };

/** The Graph client. Every failure is a `WhatsAppError` subclass; nothing is retried automatically. */
export interface WhatsAppClient {
  /** Sends any message; validated locally first (`WhatsAppValidationError`, no HTTP call). */
  send(message: OutboundMessage, options?: PhoneNumberScope): Promise<SendResult>;
  sendText(params: SendParams<TextMessage>): Promise<SendResult>;
  /** Image, video, document, audio or sticker; `type` picks which. */
  sendMedia(params: MediaMessage & PhoneNumberScope): Promise<SendResult>;
  sendLocation(params: SendParams<LocationMessage>): Promise<SendResult>;
  sendContacts(params: SendParams<ContactsMessage>): Promise<SendResult>;
  sendButtons(params: SendParams<ButtonsMessage>): Promise<SendResult>;
  sendList(params: SendParams<ListMessage>): Promise<SendResult>;
  sendCtaUrl(params: SendParams<CtaUrlMessage>): Promise<SendResult>;
  sendFlow(params: SendParams<FlowMessage>): Promise<SendResult>;
  sendTemplate(params: SendParams<TemplateMessage>): Promise<SendResult>;
  sendReaction(params: SendReactionParams): Promise<SendResult>;
  /** Sends the empty-emoji reaction that removes a previous one. */
  removeReaction(params: RemoveReactionParams): Promise<SendResult>;
  /** Marks an inbound message and every earlier one as read (blue ticks). */
  markAsRead(params: { messageId: string; typingIndicator?: boolean } & PhoneNumberScope): Promise<SuccessResult>;
  /** Shows "typing…" for up to 25 s (or until the reply); also marks the message as read. */
  sendTypingIndicator(params: { messageId: string } & PhoneNumberScope): Promise<SuccessResult>;
  uploadMedia(params: UploadMediaParams): Promise<{ id: string }>;
  getMediaInfo(params: { mediaId: string } & PhoneNumberScope): Promise<MediaInfo>;
  /** Downloads and verifies the sha256 (`WhatsAppMediaIntegrityError` on mismatch). */
  downloadMedia(params: { mediaId: string } & PhoneNumberScope): Promise<DownloadedMedia>;
  deleteMedia(params: { mediaId: string } & PhoneNumberScope): Promise<SuccessResult>;
  listTemplates(params: ListTemplatesParams): Promise<TemplatePage>;
  createTemplate(params: CreateTemplateParams): Promise<CreatedTemplate>;
  deleteTemplate(params: { wabaId: string; name: string; hsmId?: string }): Promise<SuccessResult>;
  getPhoneNumber(params?: PhoneNumberScope): Promise<PhoneNumberInfo>;
}

const DEFAULTS = { baseUrl: "https://graph.facebook.com", apiVersion: "v24.0", timeoutMs: 30_000 } as const;

/**
 * Creates the Graph client. The transport is injectable: pass `fetch` (a fake in unit tests) or `baseUrl` (the
 * simulator in integration tests).
 *
 * @example
 * const whatsapp = createWhatsAppClient({ accessToken: config.metaToken, phoneNumberId: "106540352242922" });
 * const { wamid, waId } = await whatsapp.sendText({ to: "+5511912345678", body: "Olá, Lia!" });
 * try {
 *   await whatsapp.sendText({ to: "+5511912345678", body: "Ainda por aí?" });
 * } catch (error) {
 *   if (error instanceof WhatsAppWindowClosedError) await whatsapp.sendTemplate({ to, name: "retomar", language: "pt_BR" });
 * }
 */
export function createWhatsAppClient(options: WhatsAppClientOptions): WhatsAppClient {
  const http = createGraphHttp({
    accessToken: options.accessToken,
    baseUrl: options.baseUrl ?? DEFAULTS.baseUrl,
    apiVersion: options.apiVersion ?? DEFAULTS.apiVersion,
    // Resolved per call so a test can still swap globalThis.fetch after the client is created.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
  });
  const ctx = createGraphContext({ http, defaultPhoneNumberId: options.phoneNumberId });

  const send = (message: OutboundMessage, scope: PhoneNumberScope = {}) =>
    sendMessage({ ctx, message, phoneNumberId: scope.phoneNumberId });
  return {
    send,
    sendText: ({ phoneNumberId, ...rest }) => send({ ...rest, type: "text" }, { phoneNumberId }),
    sendMedia: ({ phoneNumberId, ...message }) => send(message, { phoneNumberId }),
    sendLocation: ({ phoneNumberId, ...rest }) => send({ ...rest, type: "location" }, { phoneNumberId }),
    sendContacts: ({ phoneNumberId, ...rest }) => send({ ...rest, type: "contacts" }, { phoneNumberId }),
    sendButtons: ({ phoneNumberId, ...rest }) => send({ ...rest, type: "buttons" }, { phoneNumberId }),
    sendList: ({ phoneNumberId, ...rest }) => send({ ...rest, type: "list" }, { phoneNumberId }),
    sendCtaUrl: ({ phoneNumberId, ...rest }) => send({ ...rest, type: "cta_url" }, { phoneNumberId }),
    sendFlow: ({ phoneNumberId, ...rest }) => send({ ...rest, type: "flow" }, { phoneNumberId }),
    sendTemplate: ({ phoneNumberId, ...rest }) => send({ ...rest, type: "template" }, { phoneNumberId }),
    sendReaction: ({ phoneNumberId, ...rest }) => send({ ...rest, type: "reaction" }, { phoneNumberId }),
    removeReaction: ({ phoneNumberId, ...rest }) => send({ ...rest, type: "reaction", remove: true }, { phoneNumberId }),
    markAsRead: ({ messageId, typingIndicator, phoneNumberId }) => markMessageAsRead({ ctx, messageId, typingIndicator, phoneNumberId }),
    sendTypingIndicator: ({ messageId, phoneNumberId }) => markMessageAsRead({ ctx, messageId, typingIndicator: true, phoneNumberId }),
    uploadMedia: (params) => uploadMedia({ ctx, params }),
    getMediaInfo: ({ mediaId, phoneNumberId }) => getMediaInfo({ ctx, mediaId, phoneNumberId }),
    downloadMedia: ({ mediaId, phoneNumberId }) => downloadMedia({ ctx, mediaId, phoneNumberId }),
    deleteMedia: ({ mediaId, phoneNumberId }) => deleteMedia({ ctx, mediaId, phoneNumberId }),
    listTemplates: (params) => listTemplates({ ctx, params }),
    createTemplate: (params) => createTemplate({ ctx, params }),
    deleteTemplate: (params) => deleteTemplate({ ctx, params }),
    getPhoneNumber: (params = {}) => getPhoneNumber({ ctx, phoneNumberId: params.phoneNumberId }),
  };
}
