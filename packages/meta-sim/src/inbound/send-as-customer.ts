import type { SimContext } from "../context.ts";
import { ControlInputError } from "../control/fields.ts";
import { makeWamid } from "../ids.ts";
import { mediaUrl, putMedia } from "../media/store.ts";
import type { MediaKind } from "../rules/media-limits.ts";
import { digitsOf, type MediaRecord, outboundTo, type PhoneNumberRecord } from "../state.ts";
import { messagesEnvelope } from "../webhooks/payloads/envelope.ts";
import { buildInboundContacts, buildInboundMessage } from "../webhooks/payloads/inbound.ts";
import type { CustomerMedia, CustomerMessageInput } from "./customer-message.ts";
import { defaultMimeType, placeholderBytes } from "./placeholder-media.ts";

/** What the simulator answers after a customer "sent" a message. */
export interface CustomerMessageResult {
  wamid: string;
  /** For media messages: the id the business downloads the file with. */
  mediaId?: string;
  /** The webhook delivery's id in the delivery log. */
  deliveryId: number;
}

/** Types Meta does not name as window openers: a reaction or a number change is not a conversation turn. */
const DOES_NOT_OPEN_WINDOW = new Set<string>(["reaction", "system"]);

function phoneNumberFor(ctx: SimContext, id: string | undefined): PhoneNumberRecord {
  const phoneNumber = id === undefined ? ctx.state.phoneNumbers.values().next().value : ctx.state.phoneNumbers.get(id);
  if (!phoneNumber) throw new ControlInputError("phoneNumberId", `no business number with id ${id}`);
  return phoneNumber;
}

function mediaOf(input: CustomerMessageInput): (CustomerMedia & { voice?: boolean }) | undefined {
  switch (input.type) {
    case "image":
      return input.image ?? {};
    case "video":
      return input.video ?? {};
    case "document":
      return input.document ?? {};
    case "audio":
      return input.audio ?? {};
    case "sticker":
      return input.sticker ?? {};
    default:
      return undefined;
  }
}

function storeMedia(ctx: SimContext, input: CustomerMessageInput, phoneNumberId: string): MediaRecord | undefined {
  const media = mediaOf(input);
  if (!media) return undefined;
  const mimeType = media.mimeType ?? defaultMimeType(input.type, { ...(media.voice === undefined ? {} : { voice: media.voice }) });
  const bytes = media.data === undefined ? placeholderBytes(mimeType) : Buffer.from(media.data, "base64");
  const filename = media.filename ?? (input.type === "document" ? "documento.pdf" : undefined);
  return putMedia(ctx, {
    bytes,
    mimeType,
    kind: input.type as MediaKind,
    origin: "customer",
    phoneNumberId,
    ...(filename === undefined ? {} : { filename }),
  });
}

/** The business message a button or interactive reply answers: the latest one of the matching type. */
function repliedTo(ctx: SimContext, input: CustomerMessageInput, customer: string): string | undefined {
  if (input.type !== "button" && input.type !== "interactive") return undefined;
  const wanted = input.type === "button" ? "template" : "interactive";
  const sent = outboundTo(ctx.state, customer);
  return (sent.filter((m) => m.type === wanted).at(-1) ?? sent.at(-1))?.wamid;
}

/**
 * Plays a customer writing to a business number: stores any media so the business can download it, records the
 * message (opening the 24 h window from the message's timestamp), and queues the signed webhook.
 */
export function sendAsCustomer(ctx: SimContext, input: CustomerMessageInput): CustomerMessageResult {
  const phoneNumber = phoneNumberFor(ctx, input.phoneNumberId);
  const customer = input.from ?? input.userId ?? "";
  const atMs = input.timestamp === undefined ? ctx.clock.now() : input.timestamp * 1000;
  const media = storeMedia(ctx, input, phoneNumber.id);
  const wamid = makeWamid({ customer, direction: "inbound" });
  const reply = repliedTo(ctx, input, customer);
  const message = buildInboundMessage(input, {
    wamid,
    atMs,
    businessDigits: digitsOf(phoneNumber.displayPhoneNumber),
    ...(media ? { media: { record: media, url: mediaUrl(ctx, media) } } : {}),
    ...(reply === undefined ? {} : { repliedTo: reply }),
  });
  ctx.state.inbound.set(wamid, {
    wamid,
    phoneNumberId: phoneNumber.id,
    ...(input.from === undefined ? {} : { from: input.from }),
    ...(input.userId === undefined ? {} : { userId: input.userId }),
    type: input.type,
    atMs,
    message,
  });
  if (!DOES_NOT_OPEN_WINDOW.has(input.type)) {
    for (const key of [input.from, input.userId]) {
      if (key !== undefined)
        ctx.window.record({ phoneNumberId: phoneNumber.id, customer: key, atMs, viaReferral: input.referral !== undefined });
    }
  }
  const contacts = buildInboundContacts(input);
  const entry = ctx.delivery.enqueue({
    kind: `message:${input.type}`,
    payload: messagesEnvelope({ phoneNumber, value: { ...(contacts ? { contacts } : {}), messages: [message] } }),
  });
  ctx.options.log(`customer ${customer} → ${phoneNumber.id}: ${input.type} (${wamid})`);
  return { wamid, ...(media ? { mediaId: media.id } : {}), deliveryId: entry.id };
}
