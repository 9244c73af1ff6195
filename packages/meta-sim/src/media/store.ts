import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { SimContext } from "../context.ts";
import { makeNumericId } from "../ids.ts";
import { baseMimeType, type MediaKind } from "../rules/media-limits.ts";
import type { MediaRecord } from "../state.ts";

/** Meta's lookaside URLs stop working five minutes after they are handed out (meta-cloud-api.md §2). */
export const MEDIA_URL_TTL_MS = 5 * 60 * 1000;

/** Stores bytes as a media object, computing the hashes Meta reports. */
export function putMedia(
  ctx: SimContext,
  input: { bytes: Buffer; mimeType: string; kind: MediaKind; origin: MediaRecord["origin"]; filename?: string; phoneNumberId?: string },
): MediaRecord {
  let id = makeNumericId();
  while (ctx.state.media.has(id)) id = makeNumericId();
  const digest = createHash("sha256").update(input.bytes).digest();
  const record: MediaRecord = {
    id,
    bytes: input.bytes,
    mimeType: input.mimeType,
    kind: input.kind,
    sha256Hex: digest.toString("hex"),
    sha256Base64: digest.toString("base64"),
    origin: input.origin,
    createdAtMs: ctx.clock.now(),
    ...(input.filename === undefined ? {} : { filename: input.filename }),
    ...(input.phoneNumberId === undefined ? {} : { phoneNumberId: input.phoneNumberId }),
  };
  ctx.state.media.set(id, record);
  return record;
}

const hashOf = (ctx: SimContext, id: string, expires: string): string =>
  createHmac("sha256", ctx.options.appSecret).update(`${id}:${expires}`).digest("base64url").slice(0, 32);

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "video/mp4": "mp4",
  "application/pdf": "pdf",
};

/** A short-lived download URL pointing back at the simulator, shaped like Meta's lookaside links. */
export function mediaUrl(ctx: SimContext, media: MediaRecord): string {
  const expires = String(Math.floor((ctx.clock.now() + MEDIA_URL_TTL_MS) / 1000));
  const ext = EXTENSIONS[baseMimeType(media.mimeType)] ?? "bin";
  const query = new URLSearchParams({ mid: media.id, ext: expires, hash: hashOf(ctx, media.id, expires), type: ext });
  return `${ctx.publicUrl()}/_sim/lookaside/${media.id}?${query.toString()}`;
}

/** Whether a lookaside URL's query was issued by {@link mediaUrl} for this media and has not expired. */
export function isMediaUrlValid(ctx: SimContext, { id, query }: { id: string; query: Record<string, unknown> }): boolean {
  const { ext, hash } = query;
  if (typeof ext !== "string" || typeof hash !== "string") return false;
  const expected = Buffer.from(hashOf(ctx, id, ext));
  const received = Buffer.from(hash);
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) return false;
  return ctx.clock.now() < Number(ext) * 1000;
}
