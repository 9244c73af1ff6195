import { mediaIntegrityError, validationError } from "../errors/local-errors.ts";
import { WhatsAppError } from "../errors/whatsapp-error.ts";
import { type GraphContext, segment } from "./context.ts";
import { baseMimeType, uploadIssues } from "./media-rules.ts";
import { mediaInfoSchema, successSchema, uploadResponseSchema } from "./responses.ts";
import { checkSha256 } from "./sha256.ts";
import type { DownloadedMedia, MediaInfo, SuccessResult } from "./types.ts";

/** Options of `uploadMedia`. */
export interface UploadMediaParams {
  data: Uint8Array | Blob;
  /** e.g. `image/jpeg`, `audio/ogg; codecs=opus`; checked against WhatsApp's accepted types and size caps. */
  mimeType: string;
  filename?: string;
  phoneNumberId?: string;
}

/** Uploads a file (kept by Meta for 30 days) after checking its type and size locally. */
export async function uploadMedia({ ctx, params }: { ctx: GraphContext; params: UploadMediaParams }): Promise<{ id: string }> {
  const { data, mimeType, filename, phoneNumberId } = params;
  const size = data instanceof Blob ? data.size : data.byteLength;
  const issues = uploadIssues({ mimeType, size });
  if (issues.length > 0) throw validationError({ issues });
  const type = baseMimeType(mimeType);
  // Copying a Uint8Array into the Blob detaches it from a possibly shared buffer and fixes the part's mime type.
  const file = data instanceof Blob ? data : new Blob([new Uint8Array(data)], { type });
  const form = new FormData();
  form.set("messaging_product", "whatsapp");
  form.set("type", type);
  form.set("file", file, filename ?? "file");
  const answer = await ctx.http.request({
    method: "POST",
    path: `${segment(ctx.phoneNumberId(phoneNumberId))}/media`,
    form,
    schema: uploadResponseSchema,
    expected: "{ id }",
  });
  return { id: answer.id };
}

/** Reads a media object's metadata and its short-lived download URL. */
export async function getMediaInfo({
  ctx,
  mediaId,
  phoneNumberId,
}: {
  ctx: GraphContext;
  mediaId: string;
  phoneNumberId?: string | undefined;
}): Promise<MediaInfo> {
  const answer = await ctx.http.request({
    method: "GET",
    path: segment(mediaId),
    query: { phone_number_id: phoneNumberId },
    schema: mediaInfoSchema,
    expected: "media info with url and mime_type",
  });
  return { id: answer.id, url: answer.url, mimeType: answer.mime_type, sha256: answer.sha256 ?? "", fileSize: answer.file_size ?? 0 };
}

const isExpiredUrl = (error: unknown): boolean => error instanceof WhatsAppError && error.httpStatus === 404;

/**
 * Downloads media with the bearer token and checks its sha256. The URL lives 5 minutes, so a 404 on the download is
 * retried once with a fresh URL before giving up.
 */
export async function downloadMedia({
  ctx,
  mediaId,
  phoneNumberId,
}: {
  ctx: GraphContext;
  mediaId: string;
  phoneNumberId?: string | undefined;
}): Promise<DownloadedMedia> {
  let info = await getMediaInfo({ ctx, mediaId, phoneNumberId });
  let body: Awaited<ReturnType<GraphContext["http"]["download"]>>;
  try {
    body = await ctx.http.download(info.url);
  } catch (error) {
    if (!isExpiredUrl(error)) throw error;
    info = await getMediaInfo({ ctx, mediaId, phoneNumberId });
    body = await ctx.http.download(info.url);
  }
  if (info.sha256) {
    const { matches, actualHex } = checkSha256({ data: body.data, expected: info.sha256 });
    if (!matches) throw mediaIntegrityError({ mediaId, expectedSha256: info.sha256, actualSha256: actualHex });
  }
  return {
    data: body.data,
    mimeType: info.mimeType || body.contentType || "application/octet-stream",
    sha256: info.sha256,
    fileSize: body.data.byteLength,
  };
}

/** Deletes an uploaded media object. */
export async function deleteMedia({
  ctx,
  mediaId,
  phoneNumberId,
}: {
  ctx: GraphContext;
  mediaId: string;
  phoneNumberId?: string | undefined;
}): Promise<SuccessResult> {
  return ctx.http.request({
    method: "DELETE",
    path: segment(mediaId),
    query: { phone_number_id: phoneNumberId },
    schema: successSchema,
    expected: "{ success: true }",
  });
}
