import type { FastifyInstance, FastifyRequest } from "fastify";
import type { SimContext } from "../context.ts";
import { applyCallFault } from "../graph/call-fault.ts";
import { objectNotFound } from "../graph/failure.ts";
import { sendGraphFailure } from "../graph/reply.ts";
import { type MediaUpload, uploadMedia } from "../media/service.ts";
import { isMediaUrlValid } from "../media/store.ts";

async function readUpload(request: FastifyRequest): Promise<MediaUpload> {
  const upload: MediaUpload = { fields: {} };
  if (!request.isMultipart()) return upload;
  for await (const part of request.parts()) {
    if (part.type === "file") {
      const bytes = await part.toBuffer();
      upload.file = { bytes, mimeType: part.mimetype, ...(part.filename ? { filename: part.filename } : {}) };
      if (part.file.truncated) upload.truncated = true;
    } else if (typeof part.value === "string") {
      upload.fields[part.fieldname] = part.value;
    }
  }
  return upload;
}

/** Upload (`POST /:version/:phoneNumberId/media`) and the bearer-protected lookaside download. */
export function registerMediaRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post<{ Params: { version: string; phoneNumberId: string } }>("/:version/:phoneNumberId/media", async (request, reply) => {
    const result = await uploadMedia(ctx, { phoneNumberId: request.params.phoneNumberId, upload: await readUpload(request) });
    return result.ok ? reply.send(result.value) : sendGraphFailure(reply, result.failure);
  });

  app.get<{ Params: { mediaId: string } }>("/_sim/lookaside/:mediaId", async (request, reply) => {
    const fault = await applyCallFault(ctx, "media_download");
    if (fault) return sendGraphFailure(reply, fault);
    const media = ctx.state.media.get(request.params.mediaId);
    // Meta answers an expired or unknown lookaside URL with a bare 404; the fix is to ask GET /{media-id} again.
    if (!media || !isMediaUrlValid(ctx, { id: media.id, query: request.query as Record<string, unknown> })) {
      return sendGraphFailure(reply, { ...objectNotFound({ id: request.params.mediaId, method: "get" }), httpStatus: 404 });
    }
    return reply
      .header("content-type", media.mimeType)
      .header("content-length", media.bytes.length)
      .header("content-disposition", `attachment; filename="${encodeURIComponent(media.filename ?? media.id)}"`)
      .send(media.bytes);
  });
}
