/** The kinds of media WhatsApp accepts. */
export type MediaKind = "audio" | "document" | "image" | "sticker" | "video";

const MB = 1024 * 1024;
const KB = 1024;

/** Allowed mime types and maximum size per kind (meta-cloud-api.md §2). */
export const MEDIA_LIMITS: Readonly<Record<MediaKind, { mimeTypes: readonly string[]; maxBytes: number }>> = Object.freeze({
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
  // Animated stickers may be 500 KB; the simulator cannot tell animation apart, so it allows the larger size.
  sticker: { mimeTypes: ["image/webp"], maxBytes: 500 * KB },
  video: { mimeTypes: ["video/mp4", "video/3gpp"], maxBytes: 16 * MB },
});

/** The largest upload any kind allows; the multipart parser stops reading past it. */
export const MAX_MEDIA_BYTES = 100 * MB;

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
export const baseMimeType = (mimeType: string): string => (mimeType.split(";")[0] ?? "").trim().toLowerCase();

/** The kind a mime type belongs to, if WhatsApp accepts it. */
export function mediaKindOf(mimeType: string): MediaKind | undefined {
  const base = baseMimeType(mimeType);
  for (const [kind, limits] of Object.entries(MEDIA_LIMITS) as [MediaKind, (typeof MEDIA_LIMITS)[MediaKind]][]) {
    if (limits.mimeTypes.includes(base)) return kind;
  }
  return undefined;
}

/** Result of {@link checkMediaUpload}: the kind on success, Meta's 131053 details otherwise. */
export type MediaCheck = { ok: true; kind: MediaKind } | { ok: false; details: string };

/** Checks an upload's mime type and size the way Meta does before answering 131053. */
export function checkMediaUpload({ mimeType, sizeBytes }: { mimeType: string; sizeBytes: number }): MediaCheck {
  const kind = mediaKindOf(mimeType);
  if (!kind) {
    const all = Object.values(MEDIA_LIMITS).flatMap((l) => l.mimeTypes);
    return {
      ok: false,
      details: `Param file must be a file with one of the following types: ${all.join(", ")}. Received file of type '${baseMimeType(mimeType)}'.`,
    };
  }
  const { maxBytes } = MEDIA_LIMITS[kind];
  if (sizeBytes > maxBytes)
    return { ok: false, details: `File too large: ${kind} files must be at most ${maxBytes} bytes, received ${sizeBytes} bytes.` };
  if (sizeBytes === 0) return { ok: false, details: "Param file must not be empty." };
  return { ok: true, kind };
}
