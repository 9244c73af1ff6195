import { baseMimeType, MEDIA_RULES, type MediaKind, mediaKindOf } from "@papo/whatsapp";

export type { MediaKind };
export { baseMimeType };

/** The largest upload any kind allows; the multipart parser stops reading past it. */
export const MAX_MEDIA_BYTES = Math.max(...Object.values(MEDIA_RULES).map((rule) => rule.maxBytes));

/** Result of {@link checkMediaUpload}: the kind on success, Meta's 131053 details otherwise. */
export type MediaCheck = { ok: true; kind: MediaKind } | { ok: false; details: string };

/**
 * Checks an upload's mime type and size the way Meta does before answering 131053, against the same table the client
 * checks before uploading (`MEDIA_RULES`), so the two never disagree.
 */
export function checkMediaUpload({ mimeType, sizeBytes }: { mimeType: string; sizeBytes: number }): MediaCheck {
  const kind = mediaKindOf({ mimeType });
  if (!kind) {
    const all = Object.values(MEDIA_RULES).flatMap((rule) => rule.mimeTypes);
    return {
      ok: false,
      details: `Param file must be a file with one of the following types: ${all.join(", ")}. Received file of type '${baseMimeType(mimeType)}'.`,
    };
  }
  const { maxBytes } = MEDIA_RULES[kind];
  if (sizeBytes > maxBytes)
    return { ok: false, details: `File too large: ${kind} files must be at most ${maxBytes} bytes, received ${sizeBytes} bytes.` };
  if (sizeBytes === 0) return { ok: false, details: "Param file must not be empty." };
  return { ok: true, kind };
}
