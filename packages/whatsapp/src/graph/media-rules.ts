import type { WireIssue } from "./wire/issues.ts";

const MB = 1024 * 1024;

/** Kinds of media WhatsApp sends, each with its own mime types and size cap (meta-cloud-api.md §2). */
export type MediaKind = "audio" | "document" | "image" | "sticker" | "video";

/** Accepted mime types and maximum size per kind. Stickers use the animated cap; static ones are limited to 100 KB. */
export const MEDIA_RULES: Readonly<Record<MediaKind, { mimeTypes: readonly string[]; maxBytes: number }>> = Object.freeze({
  audio: { mimeTypes: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"], maxBytes: 16 * MB },
  document: {
    mimeTypes: [
      "text/plain",
      "application/pdf",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    maxBytes: 100 * MB,
  },
  image: { mimeTypes: ["image/jpeg", "image/png"], maxBytes: 5 * MB },
  sticker: { mimeTypes: ["image/webp"], maxBytes: 500 * 1024 },
  video: { mimeTypes: ["video/mp4", "video/3gpp"], maxBytes: 16 * MB },
});

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
export const baseMimeType = (mimeType: string): string => (mimeType.split(";")[0] ?? "").trim().toLowerCase();

/**
 * The media kind a mime type uploads as, or `undefined` when WhatsApp does not accept it. `image/webp` is a sticker:
 * WhatsApp has no webp images.
 *
 * @example
 * mediaKindOf({ mimeType: "audio/ogg; codecs=opus" }) // "audio"
 */
export function mediaKindOf({ mimeType }: { mimeType: string }): MediaKind | undefined {
  const base = baseMimeType(mimeType);
  return (Object.keys(MEDIA_RULES) as MediaKind[]).find((kind) => MEDIA_RULES[kind].mimeTypes.includes(base));
}

/** Why an upload would be refused (wrong mime or too big), before spending the bandwidth; empty when it is fine. */
export function uploadIssues({ mimeType, size }: { mimeType: string; size: number }): WireIssue[] {
  const kind = mediaKindOf({ mimeType });
  if (kind === undefined) return [{ path: "mimeType", message: `WhatsApp does not accept ${JSON.stringify(mimeType)} media` }];
  const { maxBytes } = MEDIA_RULES[kind];
  if (size === 0) return [{ path: "data", message: "file is empty" }];
  return size > maxBytes ? [{ path: "data", message: `${kind} files are limited to ${maxBytes} bytes (got ${size})` }] : [];
}
