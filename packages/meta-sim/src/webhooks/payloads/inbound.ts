import type { CustomerMessageInput } from "../../inbound/customer-message.ts";
import type { MediaRecord } from "../../state.ts";
import { webhookError } from "./errors.ts";

/** A Click-to-WhatsApp ad referral, used when the control API says `referral: true`. */
export const DEFAULT_REFERRAL: Readonly<Record<string, unknown>> = Object.freeze({
  source_url: "https://fb.me/3cr4Wqqkv",
  source_id: "120212345678901234",
  source_type: "ad",
  body: "Consultas com hora marcada. Fale com a gente pelo WhatsApp!",
  headline: "Agende sua consulta",
  media_type: "image",
  image_url: "https://scontent.example.com/v/t45.1600-4/ad-image.jpg",
  ctwa_clid: "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-ZABCDEFGH",
});

/** What the builder needs besides the customer's input. */
export interface InboundBuildContext {
  wamid: string;
  atMs: number;
  /** The business number's digits, the `from` of quoted business messages. */
  businessDigits: string;
  /** The stored media of a media message, with its download URL. */
  media?: { record: MediaRecord; url: string };
  /** The business message a button tap answers, when the input names none. */
  repliedTo?: string;
}

function contextOf(input: CustomerMessageInput, ctx: InboundBuildContext): Record<string, unknown> | undefined {
  if (input.context) return { from: input.context.from ?? ctx.businessDigits, id: input.context.id };
  if (input.forwarded === "frequently") return { frequently_forwarded: true };
  if (input.forwarded === true) return { forwarded: true };
  // Meta always attaches the tapped message to button and interactive replies.
  if ((input.type === "button" || input.type === "interactive") && ctx.repliedTo) return { from: ctx.businessDigits, id: ctx.repliedTo };
  return undefined;
}

function mediaObject(ctx: InboundBuildContext, extra: Record<string, unknown>): Record<string, unknown> {
  const media = ctx.media;
  if (!media) return extra;
  return {
    ...(typeof extra.caption === "string" ? { caption: extra.caption } : {}),
    ...(typeof extra.filename === "string" ? { filename: extra.filename } : {}),
    mime_type: media.record.mimeType,
    // Webhooks carry base64 hashes while GET /{media-id} answers hex; the mismatch is Meta's and is kept on purpose.
    sha256: media.record.sha256Base64,
    id: media.record.id,
    url: media.url,
    ...(typeof extra.voice === "boolean" ? { voice: extra.voice } : {}),
    ...(typeof extra.animated === "boolean" ? { animated: extra.animated } : {}),
  };
}

function contentOf(input: CustomerMessageInput, ctx: InboundBuildContext): Record<string, unknown> {
  switch (input.type) {
    case "text":
      return { text: { body: input.text } };
    case "image":
      return { image: mediaObject(ctx, { caption: input.image?.caption }) };
    case "video":
      return { video: mediaObject(ctx, { caption: input.video?.caption }) };
    case "document":
      return { document: mediaObject(ctx, { caption: input.document?.caption, filename: ctx.media?.record.filename }) };
    case "audio":
      return { audio: mediaObject(ctx, { voice: input.audio?.voice ?? true }) };
    case "sticker":
      return { sticker: mediaObject(ctx, { animated: input.sticker?.animated ?? false }) };
    case "location":
      return { location: { ...input.location } };
    case "contacts":
      return { contacts: input.contacts };
    case "interactive":
      return { interactive: interactiveOf(input.interactive) };
    case "button":
      return { button: { payload: input.button.payload ?? input.button.text, text: input.button.text } };
    case "reaction":
      return { reaction: { message_id: input.reaction.messageId, ...(input.reaction.emoji ? { emoji: input.reaction.emoji } : {}) } };
    case "order":
      return {
        order: {
          catalog_id: input.order.catalogId,
          ...(input.order.text === undefined ? {} : { text: input.order.text }),
          product_items: input.order.productItems.map((item) => ({
            product_retailer_id: item.productRetailerId,
            quantity: item.quantity,
            item_price: item.itemPrice,
            currency: item.currency,
          })),
        },
      };
    case "request_welcome":
      return {};
    case "system":
      return {
        system: {
          body:
            input.system.body ??
            `User ${input.name ?? input.from ?? ""} changed from ${input.from ?? ""} to ${input.system.newWaId}`.replace(/\s+/g, " "),
          wa_id: input.system.newWaId,
          type: "user_changed_number",
        },
      };
    case "unsupported":
      return {
        errors: [webhookError({ code: 131051, title: "Message type unknown", details: "Message type is currently not supported." })],
        unsupported: { type: input.unsupported?.type ?? "poll_creation" },
      };
  }
}

function interactiveOf(interactive: Extract<CustomerMessageInput, { type: "interactive" }>["interactive"]): Record<string, unknown> {
  switch (interactive.type) {
    case "button_reply":
      return { type: "button_reply", button_reply: { id: interactive.id, title: interactive.title } };
    case "list_reply":
      return {
        type: "list_reply",
        list_reply: {
          id: interactive.id,
          title: interactive.title,
          ...(interactive.description === undefined ? {} : { description: interactive.description }),
        },
      };
    case "nfm_reply": {
      const response =
        typeof interactive.response === "string" ? interactive.response : JSON.stringify({ flow_token: "unused", ...interactive.response });
      // response_json is a JSON *string* inside the JSON payload, exactly as Meta sends it.
      return {
        type: "nfm_reply",
        nfm_reply: { name: interactive.name ?? "flow", body: interactive.body ?? "Sent", response_json: response },
      };
    }
  }
}

/** Builds one `messages[]` item for a customer message (meta-cloud-api.md §4.4–4.5). */
export function buildInboundMessage(input: CustomerMessageInput, ctx: InboundBuildContext): Record<string, unknown> {
  const context = contextOf(input, ctx);
  const referral = input.referral === true ? { ...DEFAULT_REFERRAL } : input.referral;
  return {
    ...(context ? { context } : {}),
    ...(input.from === undefined ? {} : { from: input.from }),
    ...(input.userId === undefined ? {} : { from_user_id: input.userId }),
    id: ctx.wamid,
    timestamp: String(Math.floor(ctx.atMs / 1000)),
    type: input.type,
    ...(referral ? { referral } : {}),
    ...contentOf(input, ctx),
  };
}

/** `contacts[]` for a customer message; system messages have none (meta-cloud-api.md §4.5). */
export function buildInboundContacts(input: CustomerMessageInput): Record<string, unknown>[] | undefined {
  if (input.type === "system") return undefined;
  const name = input.name ?? (input.from ? `Cliente ${input.from.slice(-4)}` : "Cliente");
  return [
    {
      profile: { name },
      ...(input.from === undefined ? {} : { wa_id: input.from }),
      ...(input.userId === undefined ? {} : { user_id: input.userId }),
    },
  ];
}
