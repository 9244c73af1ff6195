import type { SimContext } from "../context.ts";
import { applyCallFault } from "../graph/call-fault.ts";
import { fail, type GraphResult, objectNotFound, succeed } from "../graph/failure.ts";
import { checkMediaUpload } from "../rules/media-limits.ts";
import type { MediaRecord } from "../state.ts";
import { mediaUrl, putMedia } from "./store.ts";

/** A multipart upload as the route read it. */
export interface MediaUpload {
  fields: Record<string, string>;
  file?: { bytes: Buffer; mimeType: string; filename?: string };
  /** The file went past the largest size any kind allows and was not read to the end. */
  truncated?: boolean;
}

/** Meta's answer to `GET /{media-id}`. */
export interface MediaInfo {
  messaging_product: "whatsapp";
  url: string;
  mime_type: string;
  sha256: string;
  file_size: number;
  id: string;
}

/** `POST /{phone-number-id}/media`: checks the fields, the mime type and size limits, then stores the file. */
export async function uploadMedia(
  ctx: SimContext,
  { phoneNumberId, upload }: { phoneNumberId: string; upload: MediaUpload },
): Promise<GraphResult<{ id: string }>> {
  if (!ctx.state.phoneNumbers.has(phoneNumberId)) return fail(objectNotFound({ id: phoneNumberId, method: "post" }));
  const fault = await applyCallFault(ctx, "media_upload");
  if (fault) return fail(fault);
  if (upload.fields.messaging_product !== "whatsapp") return fail({ code: 100, details: 'messaging_product: must be "whatsapp"' });
  if (!upload.file) return fail({ code: 100, details: "file: a file part is required" });
  const mimeType = upload.fields.type ?? upload.file.mimeType;
  const check = checkMediaUpload({ mimeType, sizeBytes: upload.truncated ? Number.POSITIVE_INFINITY : upload.file.bytes.length });
  if (!check.ok) return fail({ code: 131053, details: check.details });
  const record = putMedia(ctx, {
    bytes: upload.file.bytes,
    mimeType,
    kind: check.kind,
    origin: "business",
    phoneNumberId,
    ...(upload.file.filename === undefined ? {} : { filename: upload.file.filename }),
  });
  return succeed({ id: record.id });
}

/** `GET /{media-id}`: a fresh short-lived URL plus the file's metadata. The hash is hex here, as Meta's media API returns it. */
export function mediaInfo(ctx: SimContext, media: MediaRecord): MediaInfo {
  return {
    messaging_product: "whatsapp",
    url: mediaUrl(ctx, media),
    mime_type: media.mimeType,
    sha256: media.sha256Hex,
    file_size: media.bytes.length,
    id: media.id,
  };
}

/** `DELETE /{media-id}`. */
export function deleteMedia(ctx: SimContext, { id }: { id: string }): GraphResult<{ success: true }> {
  if (!ctx.state.media.delete(id)) return fail(objectNotFound({ id, method: "delete" }));
  return succeed({ success: true });
}
