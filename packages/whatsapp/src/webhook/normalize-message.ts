import type { z } from "zod";
import type {
  ContactCard,
  EventError,
  EventSource,
  InboundContent,
  InboundMessageEvent,
  InteractiveReply,
  MediaRef,
  MessageContext,
  Referral,
  UnknownEvent,
  WhatsAppUser,
} from "./events.ts";
import {
  contactCardSchema,
  errorSchema,
  formatIssues,
  interactiveSchema,
  locationSchema,
  mediaSchema,
  messageBaseSchema,
  orderSchema,
  type RawContact,
  type RawMessageBase,
  referralSchema,
  systemSchema,
} from "./schema.ts";
import { parseUnixSeconds } from "./timestamps.ts";

const MEDIA_TYPES = new Set(["image", "video", "document", "audio", "sticker"]);

export interface MessageInput {
  raw: unknown;
  path: string;
  source: EventSource;
  contacts: RawContact[];
}

/** One entry of `value.messages[]` → an inbound message event, or an `unknown` event saying which part was malformed. */
export function normalizeMessage({ raw, path, source, contacts }: MessageInput): InboundMessageEvent | UnknownEvent {
  const base = messageBaseSchema.safeParse(raw);
  if (!base.success) return unknown(source, raw, path, base.error);
  const message = base.data;

  const timestamp = parseUnixSeconds(message.timestamp);
  if (!timestamp) return { kind: "unknown", source, reason: `${path}.timestamp: not unix seconds`, raw };

  const from = senderOf(message, contacts);
  if (!from.waId && !from.userId) return { kind: "unknown", source, reason: `${path}: no sender (from / from_user_id)`, raw };

  const content = contentOf(message, `${path}.${message.type}`);
  if ("issue" in content) return { kind: "unknown", source, reason: content.issue, raw };

  const event: InboundMessageEvent = {
    kind: "message",
    source,
    wamid: message.id,
    timestamp,
    from,
    content: content.value,
    errors: errorsOf(message.errors),
    raw,
  };
  const context = contextOf(message);
  if (context) event.context = context;
  const referral = referralOf(message.referral);
  if (referral) event.referral = referral;
  return event;
}

function senderOf(message: RawMessageBase, contacts: RawContact[]): WhatsAppUser {
  const match =
    contacts.find((c) => (message.from && c.wa_id === message.from) || (message.from_user_id && c.user_id === message.from_user_id)) ??
    // Meta pairs one contact with one message; older payloads may omit wa_id on the contact.
    (contacts.length === 1 && message.type !== "system" ? contacts[0] : undefined);
  return compact<WhatsAppUser>({
    waId: message.from ?? match?.wa_id,
    userId: message.from_user_id ?? match?.user_id,
    parentUserId: message.from_parent_user_id ?? match?.parent_user_id,
    name: match?.profile?.name || undefined,
    username: match?.profile?.username,
    identityKeyHash: match?.identity_key_hash,
  });
}

type ContentResult = { value: InboundContent } | { issue: string };

function contentOf(message: RawMessageBase, path: string): ContentResult {
  const payload: unknown = message[message.type];
  const type = message.type;

  if (type === "text") {
    const body = (payload as { body?: unknown } | undefined)?.body;
    return typeof body === "string" ? { value: { type, body } } : { issue: `${path}.body: expected a string` };
  }
  if (MEDIA_TYPES.has(type)) {
    const parsed = mediaSchema.safeParse(payload);
    if (!parsed.success) return { issue: firstIssue(parsed.error, path) };
    const media = mediaRefOf(parsed.data);
    if (type === "audio") return { value: { type, media, voice: parsed.data.voice === true } };
    if (type === "sticker") return { value: { type, media, animated: parsed.data.animated === true } };
    return { value: { type: type as "image" | "video" | "document", media } };
  }
  switch (type) {
    case "location": {
      const parsed = locationSchema.safeParse(payload);
      if (!parsed.success) return { issue: firstIssue(parsed.error, path) };
      const { latitude, longitude, name, address, url } = parsed.data;
      return { value: compact({ type, latitude, longitude, name, address, url }) };
    }
    case "contacts": {
      if (!Array.isArray(payload)) return { issue: `${path}: expected an array` };
      const cards: ContactCard[] = [];
      for (const [i, card] of payload.entries()) {
        const parsed = contactCardSchema.safeParse(card);
        if (!parsed.success) return { issue: firstIssue(parsed.error, `${path}[${i}]`) };
        cards.push(contactCardOf(parsed.data));
      }
      return { value: { type, contacts: cards } };
    }
    case "interactive": {
      const parsed = interactiveSchema.safeParse(payload);
      if (!parsed.success) return { issue: firstIssue(parsed.error, path) };
      return { value: { type, reply: interactiveReplyOf(parsed.data) } };
    }
    case "button": {
      const button = payload as { payload?: unknown; text?: unknown } | undefined;
      if (typeof button?.text !== "string") return { issue: `${path}.text: expected a string` };
      // Meta sends the button label as payload when the template set none.
      return { value: { type, text: button.text, payload: typeof button.payload === "string" ? button.payload : button.text } };
    }
    case "reaction": {
      const reaction = payload as { message_id?: unknown; emoji?: unknown } | undefined;
      if (typeof reaction?.message_id !== "string") return { issue: `${path}.message_id: expected a string` };
      // Removal comes without `emoji` (or, in some payloads, with an empty string).
      const emoji = typeof reaction.emoji === "string" && reaction.emoji !== "" ? reaction.emoji : null;
      return { value: { type, targetWamid: reaction.message_id, emoji } };
    }
    case "order": {
      const parsed = orderSchema.safeParse(payload);
      if (!parsed.success) return { issue: firstIssue(parsed.error, path) };
      const items = parsed.data.product_items.map((item) => ({
        productRetailerId: item.product_retailer_id,
        quantity: item.quantity,
        itemPrice: item.item_price,
        currency: item.currency,
      }));
      return { value: compact({ type, catalogId: parsed.data.catalog_id, text: parsed.data.text, items }) };
    }
    case "system": {
      const parsed = systemSchema.safeParse(payload ?? {});
      if (!parsed.success) return { issue: firstIssue(parsed.error, path) };
      const system = parsed.data;
      return {
        value: compact({
          type,
          systemType: system.type ?? "unknown",
          body: system.body,
          newWaId: system.wa_id ?? system.new_wa_id,
          newUserId: system.user_id,
        }),
      };
    }
    case "request_welcome":
      return { value: { type } };
    case "unsupported":
    case "unknown": {
      const unsupportedType = (payload as { type?: unknown } | undefined)?.type;
      return {
        value: compact({
          type: "unsupported",
          reportedType: type,
          unsupportedType: typeof unsupportedType === "string" ? unsupportedType : undefined,
        }),
      };
    }
    case "revoke": {
      const original = (payload as { original_message_id?: unknown } | undefined)?.original_message_id;
      return typeof original === "string"
        ? { value: { type, originalWamid: original } }
        : { issue: `${path}.original_message_id: expected a string` };
    }
    case "edit": {
      const edit = payload as { original_message_id?: unknown; message?: unknown } | undefined;
      if (typeof edit?.original_message_id !== "string") return { issue: `${path}.original_message_id: expected a string` };
      return { value: { type, originalWamid: edit.original_message_id, edited: editedContentOf(edit.message, path) } };
    }
    default:
      return { value: { type: "unknown", reportedType: type, raw: payload ?? null } };
  }
}

function editedContentOf(message: unknown, path: string): InboundContent | null {
  if (typeof message !== "object" || message === null) return null;
  const inner = message as Record<string, unknown>;
  if (typeof inner.type !== "string") return null;
  const result = contentOf({ id: "edit", timestamp: "0", ...inner, type: inner.type } as RawMessageBase, `${path}.message`);
  return "value" in result ? result.value : null;
}

function mediaRefOf(media: z.infer<typeof mediaSchema>): MediaRef {
  return compact({
    id: media.id,
    mimeType: media.mime_type,
    sha256: media.sha256,
    url: media.url,
    caption: media.caption,
    filename: media.filename,
  });
}

function contactCardOf(card: z.infer<typeof contactCardSchema>): ContactCard {
  const { name } = card;
  return compact({
    name: compact({
      formattedName: name.formatted_name,
      firstName: name.first_name,
      lastName: name.last_name,
      middleName: name.middle_name,
      prefix: name.prefix,
      suffix: name.suffix,
    }),
    phones: (card.phones ?? []).map((p) => compact({ phone: p.phone, waId: p.wa_id, type: p.type })),
    emails: (card.emails ?? []).map((e) => compact({ email: e.email, type: e.type })),
    addresses: (card.addresses ?? []).map((a) =>
      compact({
        street: a.street,
        city: a.city,
        state: a.state,
        zip: a.zip,
        country: a.country,
        countryCode: a.country_code,
        type: a.type,
      }),
    ),
    urls: (card.urls ?? []).map((u) => compact({ url: u.url, type: u.type })),
    org: card.org ? compact({ company: card.org.company, department: card.org.department, title: card.org.title }) : undefined,
    birthday: card.birthday,
  });
}

function interactiveReplyOf(interactive: z.infer<typeof interactiveSchema>): InteractiveReply {
  switch (interactive.type) {
    case "button_reply":
      return { type: "button_reply", id: interactive.button_reply.id, title: interactive.button_reply.title };
    case "list_reply":
      return compact({
        type: "list_reply" as const,
        id: interactive.list_reply.id,
        title: interactive.list_reply.title,
        description: interactive.list_reply.description,
      });
    case "nfm_reply": {
      const { name, body, response_json } = interactive.nfm_reply;
      const response = parseJsonObject(response_json);
      const flowToken = typeof response?.flow_token === "string" ? response.flow_token : undefined;
      return compact({ type: "nfm_reply" as const, name, body, responseJson: response_json, response, flowToken });
    }
  }
}

function contextOf(message: RawMessageBase): MessageContext | undefined {
  const ctx = message.context;
  if (!ctx) return undefined;
  const context: MessageContext = { forwarded: ctx.forwarded === true, frequentlyForwarded: ctx.frequently_forwarded === true };
  if (ctx.id) context.replyTo = compact({ wamid: ctx.id, from: ctx.from });
  if (ctx.referred_product) {
    context.referredProduct = compact({
      catalogId: ctx.referred_product.catalog_id,
      productRetailerId: ctx.referred_product.product_retailer_id,
    });
  }
  return context;
}

function referralOf(raw: unknown): Referral | undefined {
  if (raw === undefined) return undefined;
  const parsed = referralSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const r = parsed.data;
  return compact({
    sourceUrl: r.source_url,
    sourceId: r.source_id,
    sourceType: r.source_type,
    body: r.body,
    headline: r.headline,
    mediaType: r.media_type,
    imageUrl: r.image_url,
    videoUrl: r.video_url,
    thumbnailUrl: r.thumbnail_url,
    ctwaClid: r.ctwa_clid,
    welcomeMessageText: r.welcome_message?.text,
  });
}

/** `errors[]` entries as events carry them; malformed entries are dropped rather than failing the message. */
export function errorsOf(raw: unknown[] | undefined): EventError[] {
  const out: EventError[] = [];
  for (const entry of raw ?? []) {
    const parsed = errorSchema.safeParse(entry);
    if (!parsed.success || !Number.isFinite(parsed.data.code)) continue;
    const e = parsed.data;
    out.push(
      compact({ code: e.code, title: e.title ?? e.message ?? "", message: e.message, details: e.error_data?.details, href: e.href }),
    );
  }
  return out;
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function firstIssue(error: z.ZodError, path: string): string {
  const issue = formatIssues(error, path)[0];
  return issue ? `${issue.path}: ${issue.message}` : `${path}: invalid`;
}

function unknown(source: EventSource, raw: unknown, path: string, error: z.ZodError): UnknownEvent {
  return { kind: "unknown", source, reason: firstIssue(error, path), raw };
}

/** Drops `undefined` members so events compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
