import { z } from "zod";
import { messageInsightsSchema } from "../copilot/schemas.ts";

/*
 * The API's send body: the protocol library's OutboundMessage without addressing (the conversation decides the
 * recipient), where ids are Papo's own: `mediaId` is a Papo media id (uploaded through POST /api/v1/media),
 * `replyTo` and a reaction's `messageId` are Papo message ids. Meta's limits are checked by the library's
 * `buildMessageBody` before anything is queued.
 */

const mediaSource = { mediaId: z.uuid().optional(), link: z.url().optional() };
const withReply = { replyTo: z.uuid().optional().describe("Papo id of the message to quote") };
// "Exactly one of mediaId or link" is checked by the service, which names the field.
const mediaMessage = <T extends string, S extends z.ZodRawShape>(type: T, extra: S) =>
  z.object({ type: z.literal(type), ...mediaSource, ...withReply, ...extra });

const header = z.union([
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.enum(["image", "video"]), ...mediaSource }),
  z.object({ type: z.literal("document"), ...mediaSource, filename: z.string().optional() }),
]);

const templateParameter = z.union([
  z.string(),
  z.object({ type: z.literal("text"), text: z.string(), parameterName: z.string().optional() }),
  z.object({
    type: z.literal("currency"),
    fallbackValue: z.string(),
    code: z.string(),
    amount1000: z.number().int(),
    parameterName: z.string().optional(),
  }),
  z.object({ type: z.literal("date_time"), fallbackValue: z.string(), parameterName: z.string().optional() }),
  z.object({ type: z.enum(["image", "video"]), ...mediaSource }),
  z.object({ type: z.literal("document"), ...mediaSource, filename: z.string().optional() }),
  z.object({
    type: z.literal("location"),
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().optional(),
    address: z.string().optional(),
  }),
]);

const templateComponent = z.union([
  z.object({ type: z.enum(["header", "body"]), parameters: z.array(templateParameter) }),
  z.object({ type: z.literal("button"), subType: z.literal("quick_reply"), index: z.number().int().min(0), payload: z.string() }),
  z.object({ type: z.literal("button"), subType: z.literal("url"), index: z.number().int().min(0), text: z.string() }),
  z.object({ type: z.literal("button"), subType: z.literal("copy_code"), index: z.number().int().min(0), couponCode: z.string() }),
  z.object({
    type: z.literal("button"),
    subType: z.literal("flow"),
    index: z.number().int().min(0),
    flowToken: z.string().optional(),
    flowActionData: z.record(z.string(), z.unknown()).optional(),
  }),
]);

const contactCard = z.object({
  name: z.object({
    formattedName: z.string(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    middleName: z.string().optional(),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
  }),
  phones: z.array(z.object({ phone: z.string().optional(), type: z.string().optional(), waId: z.string().optional() })).optional(),
  emails: z.array(z.object({ email: z.string().optional(), type: z.string().optional() })).optional(),
  org: z.object({ company: z.string().optional(), department: z.string().optional(), title: z.string().optional() }).optional(),
  addresses: z
    .array(
      z.object({
        street: z.string().optional(),
        city: z.string().optional(),
        state: z.string().optional(),
        zip: z.string().optional(),
        country: z.string().optional(),
        countryCode: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
  urls: z.array(z.object({ url: z.string().optional(), type: z.string().optional() })).optional(),
  birthday: z.string().optional(),
});

export const sendMessageBody = z.union([
  z.object({ type: z.literal("text"), body: z.string().min(1), previewUrl: z.boolean().optional(), ...withReply }),
  mediaMessage("image", { caption: z.string().optional() }),
  mediaMessage("video", { caption: z.string().optional() }),
  mediaMessage("document", { caption: z.string().optional(), filename: z.string().optional() }),
  mediaMessage("audio", { voice: z.boolean().optional() }),
  mediaMessage("sticker", {}),
  z.object({
    type: z.literal("location"),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().optional(),
    address: z.string().optional(),
    ...withReply,
  }),
  z.object({ type: z.literal("contacts"), contacts: z.array(contactCard).min(1), ...withReply }),
  z.object({
    type: z.literal("buttons"),
    body: z.string(),
    footer: z.string().optional(),
    header: header.optional(),
    buttons: z.array(z.object({ id: z.string(), title: z.string() })),
    ...withReply,
  }),
  z.object({
    type: z.literal("list"),
    body: z.string(),
    footer: z.string().optional(),
    header: z.string().optional(),
    buttonText: z.string(),
    sections: z.array(
      z.object({
        title: z.string().optional(),
        rows: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().optional() })),
      }),
    ),
    ...withReply,
  }),
  z.object({
    type: z.literal("cta_url"),
    body: z.string(),
    footer: z.string().optional(),
    header: header.optional(),
    displayText: z.string(),
    url: z.url(),
    ...withReply,
  }),
  z.object({
    type: z.literal("flow"),
    body: z.string(),
    footer: z.string().optional(),
    header: header.optional(),
    flowId: z.string().optional(),
    flowName: z.string().optional(),
    flowCta: z.string(),
    flowToken: z.string().optional(),
    flowAction: z.enum(["navigate", "data_exchange"]).optional(),
    screen: z.string().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    mode: z.enum(["draft", "published"]).optional(),
    ...withReply,
  }),
  z.object({ type: z.literal("location_request"), body: z.string(), ...withReply }),
  z.object({
    type: z.literal("template"),
    name: z.string(),
    language: z.string(),
    components: z.array(templateComponent).optional(),
    ...withReply,
  }),
  z.object({
    type: z.literal("reaction"),
    messageId: z.uuid().describe("Papo id of the message to react to"),
    emoji: z.string().describe('The emoji; "" removes the reaction'),
  }),
]);
export type SendMessageBody = z.infer<typeof sendMessageBody>;

export const messageStatusSchema = z.enum(["received", "queued", "sending", "accepted", "sent", "delivered", "read", "played", "failed"]);

export const messageSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  contactId: z.uuid(),
  channelId: z.uuid(),
  direction: z.enum(["inbound", "outbound"]),
  type: z.string(),
  senderKind: z.enum(["contact", "agent", "bot", "system"]),
  senderUserId: z.uuid().nullable(),
  text: z.string().nullable(),
  status: messageStatusSchema,
  waMessageId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  statusTimestamps: z.object({
    sentAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    readAt: z.iso.datetime().nullable(),
    playedAt: z.iso.datetime().nullable(),
    failedAt: z.iso.datetime().nullable(),
  }),
  media: z
    .object({
      id: z.uuid(),
      mimeType: z.string().nullable(),
      filename: z.string().nullable(),
      size: z.number().nullable(),
      status: z.string(),
      voice: z.boolean().optional(),
      animated: z.boolean().optional(),
    })
    .optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
      url: z.string().optional(),
    })
    .optional(),
  contacts: z.array(z.unknown()).optional(),
  interactive: z.unknown().optional(),
  template: z.unknown().optional(),
  order: z.unknown().optional(),
  system: z.unknown().optional(),
  reactions: z.array(z.object({ emoji: z.string(), by: z.enum(["contact", "business"]), at: z.iso.datetime() })),
  replyTo: z.object({ waMessageId: z.string(), messageId: z.uuid().nullable() }).optional(),
  forwarded: z.boolean(),
  frequentlyForwarded: z.boolean(),
  referral: z.unknown().optional(),
  error: z.object({ code: z.string(), title: z.string().nullable(), details: z.string().nullable(), message: z.string() }).optional(),
  content: z.unknown().describe("The full structured content as stored (normalised inbound content or the send request)"),
  insights: messageInsightsSchema,
  erasedAt: z.iso
    .datetime()
    .optional()
    .describe(
      'When the content was erased (LGPD erasure or retention): `text` is then "Conteúdo apagado (LGPD)" and `content` is `{"erased":true}`',
    ),
});
export type MessageDto = z.infer<typeof messageSchema>;

/**
 * A caller's `Idempotency-Key`. Papo's own sends use `scheduled:<id>` and `campaign:<id>` keys (a crash never sends
 * them twice): a caller may not take those, or it could mark someone's scheduled message as already sent.
 */
export const clientIdempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .refine((key) => !/^(scheduled|campaign):/.test(key), { message: "the prefixes scheduled: and campaign: are reserved for Papo" });
