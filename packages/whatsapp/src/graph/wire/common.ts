import { z } from "zod";
import { WIRE_LIMITS } from "./limits.ts";

/** A non-empty string of at most `max` characters, with a message that states the limit. */
export const boundedText = (max: number) =>
  z
    .string()
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` });

/** `{ text }` objects used by interactive bodies, footers and text headers. */
export const textObject = (max: number) => z.strictObject({ text: boundedText(max) });

/** Meta fetches `link` media itself, so it must be a web URL. */
export const mediaLink = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const mediaRefShape = {
  id: z.string().min(1, { error: "must not be empty" }).optional(),
  link: mediaLink.optional(),
};

/** Exactly one of `id` (uploaded media) or `link` (public URL), as Meta requires for every media object. */
const exactlyOneSource = (value: { id?: string | undefined; link?: string | undefined }, ctx: z.RefinementCtx) => {
  if (value.id !== undefined && value.link !== undefined)
    ctx.addIssue({ code: "custom", message: "set exactly one of `id` or `link`, not both" });
  if (value.id === undefined && value.link === undefined)
    ctx.addIssue({ code: "custom", message: "needs an `id` (uploaded media) or a `link`" });
};

/** Image and video: a caption is allowed. */
export const captionedMediaSchema = z
  .strictObject({ ...mediaRefShape, caption: boundedText(WIRE_LIMITS.caption).optional() })
  .superRefine(exactlyOneSource);

/** Document: caption plus the filename that decides the icon the customer sees. */
export const documentMediaSchema = z
  .strictObject({ ...mediaRefShape, caption: boundedText(WIRE_LIMITS.caption).optional(), filename: z.string().min(1).optional() })
  .superRefine(exactlyOneSource);

/** Audio takes no caption; `voice: true` renders a voice note (OGG/OPUS only). */
export const audioMediaSchema = z.strictObject({ ...mediaRefShape, voice: z.boolean().optional() }).superRefine(exactlyOneSource);

/** Sticker and media without caption (template header parameters). */
export const plainMediaSchema = z.strictObject(mediaRefShape).superRefine(exactlyOneSource);

/** Template header documents may name the file. */
export const namedMediaSchema = z.strictObject({ ...mediaRefShape, filename: z.string().min(1).optional() }).superRefine(exactlyOneSource);

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Meta's syntax shows coordinates as strings but accepts numbers, so both are allowed as long as they are in range. */
const coordinate = (name: string, limit: number) =>
  z
    .union([z.number(), z.string().regex(NUMERIC, { error: `${name} must be a number` })], { error: `${name} must be a number` })
    .refine((value) => Math.abs(Number(value)) <= limit, { error: `${name} must be between -${limit} and ${limit}` });

/** A location message body or template location parameter. */
export const locationSchema = z.strictObject({
  latitude: coordinate("latitude", 90),
  longitude: coordinate("longitude", 180),
  name: z.string().optional(),
  address: z.string().optional(),
});
