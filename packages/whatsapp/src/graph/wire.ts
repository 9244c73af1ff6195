/**
 * Zod schemas of Meta's wire format for `POST /{phone-number-id}/messages` (meta-cloud-api.md §1): the snake_case
 * JSON as it travels, with Meta's limits enforced. The client validates its own bodies with them before sending, and
 * the simulator validates what it receives, so both sides reject the same mistakes with the same field paths.
 *
 * @module
 */
import { z } from "zod";
import {
  audioMediaSchema,
  boundedText,
  captionedMediaSchema,
  documentMediaSchema,
  locationSchema,
  plainMediaSchema,
} from "./wire/common.ts";
import { contactsSchema } from "./wire/contacts.ts";
import { interactiveSchema } from "./wire/interactive.ts";
import { toWireIssues, type WireIssue } from "./wire/issues.ts";
import { WIRE_LIMITS } from "./wire/limits.ts";
import { templateSchema } from "./wire/template.ts";

export type { WireIssue } from "./wire/issues.ts";
export { WIRE_LIMITS } from "./wire/limits.ts";

/** Message `type`s this library sends; anything else is rejected with a clear issue on `type`. */
export const OUTBOUND_MESSAGE_TYPES = [
  "text",
  "image",
  "audio",
  "video",
  "document",
  "sticker",
  "location",
  "contacts",
  "interactive",
  "template",
  "reaction",
] as const;

const PHONE = /^\+?[\d\s\-().]+$/;
const BSUID = new RegExp(`^[A-Z]{2}\\.[A-Za-z0-9]{1,${WIRE_LIMITS.bsuid}}$`);

const envelope = {
  messaging_product: z.literal("whatsapp", { error: 'messaging_product must be "whatsapp"' }),
  recipient_type: z.enum(["individual", "group"]).optional(),
  to: z.string().min(1, { error: "must not be empty" }).optional(),
  recipient: z.string().regex(BSUID, { error: "must be a business-scoped user id like BR.7730019284465512" }).optional(),
  context: z.strictObject({ message_id: z.string().min(1, { error: "must be the quoted message's wamid" }) }).optional(),
  biz_opaque_callback_data: z
    .string()
    .max(WIRE_LIMITS.bizOpaqueCallbackData, { error: `must be at most ${WIRE_LIMITS.bizOpaqueCallbackData} characters` })
    .optional(),
};

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Meta reacts with one emoji; an empty string removes the reaction. */
const reactionSchema = z.strictObject({
  message_id: z.string().min(1, { error: "must be the wamid of the message reacted to" }),
  emoji: z
    .string()
    .refine((emoji) => emoji === "" || [...graphemes.segment(emoji)].length === 1, { error: 'must be a single emoji, or "" to remove' }),
});

// A computed key widens to an index signature; the cast restores the literal key so the inferred type names the payload.
const variant = <T extends string, S extends z.ZodType>(type: T, payload: S) =>
  z.strictObject({ ...envelope, type: z.literal(type), [type]: payload } as { [K in keyof typeof envelope]: (typeof envelope)[K] } & {
    type: z.ZodLiteral<T>;
  } & { [K in T]: S });

const digitCount = (value: string): number => value.replace(/\D/g, "").length;

/**
 * The body of `POST /{phone-number-id}/messages` for every type this library sends.
 *
 * @example
 * outboundMessageSchema.parse({ messaging_product: "whatsapp", to: "+5511912345678", type: "text", text: { body: "Olá" } });
 */
export const outboundMessageSchema = z
  .discriminatedUnion(
    "type",
    [
      variant("text", z.strictObject({ body: boundedText(WIRE_LIMITS.textBody), preview_url: z.boolean().optional() })),
      variant("image", captionedMediaSchema),
      variant("audio", audioMediaSchema),
      variant("video", captionedMediaSchema),
      variant("document", documentMediaSchema),
      variant("sticker", plainMediaSchema),
      variant("location", locationSchema),
      variant("contacts", contactsSchema),
      variant("interactive", interactiveSchema),
      variant("template", templateSchema),
      variant("reaction", reactionSchema),
    ],
    {
      error: (issue) => {
        if (issue.code !== "invalid_union") return undefined;
        const input: unknown = issue.input;
        const type = typeof input === "object" && input !== null && "type" in input ? input.type : undefined;
        const expected = `expected one of ${OUTBOUND_MESSAGE_TYPES.join(", ")}`;
        return type === undefined ? `missing message type; ${expected}` : `unsupported message type ${JSON.stringify(type)}; ${expected}`;
      },
    },
  )
  .superRefine((message, ctx) => {
    if (message.to === undefined && message.recipient === undefined) {
      ctx.addIssue({ code: "custom", message: "needs `to` (phone number) or `recipient` (business-scoped user id)", path: ["to"] });
    }
    if (message.to !== undefined && message.recipient_type !== "group") {
      const digits = digitCount(message.to);
      if (!PHONE.test(message.to) || digits < 5 || digits > 15) {
        ctx.addIssue({ code: "custom", message: "must be a phone number with country code, e.g. +5511912345678", path: ["to"] });
      }
    }
    if (message.type === "reaction" && message.context !== undefined) {
      ctx.addIssue({ code: "custom", message: "reactions cannot be sent as contextual replies", path: ["context"] });
    }
  });

/** A validated outbound message body, in Meta's snake_case. */
export type WireOutboundMessage = z.infer<typeof outboundMessageSchema>;

/**
 * The mark-as-read body; with `typing_indicator` it also shows "typing…" for up to 25 s.
 *
 * @example
 * markReadSchema.parse({ messaging_product: "whatsapp", status: "read", message_id: "wamid.X", typing_indicator: { type: "text" } });
 */
export const markReadSchema = z.strictObject({
  messaging_product: z.literal("whatsapp", { error: 'messaging_product must be "whatsapp"' }),
  status: z.literal("read", { error: 'status must be "read"' }),
  message_id: z.string().min(1, { error: "must be the wamid of the inbound message" }),
  typing_indicator: z.strictObject({ type: z.literal("text") }).optional(),
});

/** A validated mark-as-read body. */
export type WireMarkRead = z.infer<typeof markReadSchema>;

/** Result of {@link parseOutboundRequest}. */
export type ParsedOutboundRequest =
  | { ok: true; kind: "message"; value: WireOutboundMessage }
  | { ok: true; kind: "mark_read"; value: WireMarkRead }
  | { ok: false; issues: WireIssue[] };

/** The messages endpoint takes two bodies: read receipts have a `status` and no `type`. */
const isMarkRead = (body: unknown): boolean => typeof body === "object" && body !== null && "status" in body && !("type" in body);

/**
 * Validates any body posted to `/{phone-number-id}/messages` and says which kind it is.
 *
 * @example
 * const parsed = parseOutboundRequest(await request.json());
 * if (!parsed.ok) return reply.code(400).send(graphErrorBody({ code: 100, details: parsed.issues.map((i) => `${i.path}: ${i.message}`).join("; ") }));
 * if (parsed.kind === "mark_read") return reply.send({ success: true });
 */
export function parseOutboundRequest(body: unknown): ParsedOutboundRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { ok: false, issues: [{ path: "", message: "body must be a JSON object" }] };
  if (isMarkRead(body)) {
    const result = markReadSchema.safeParse(body);
    return result.success ? { ok: true, kind: "mark_read", value: result.data } : { ok: false, issues: toWireIssues(result.error.issues) };
  }
  const result = outboundMessageSchema.safeParse(body);
  return result.success ? { ok: true, kind: "message", value: result.data } : { ok: false, issues: toWireIssues(result.error.issues) };
}
