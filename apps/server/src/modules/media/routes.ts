import { createHash, randomUUID } from "node:crypto";
import type {} from "@fastify/multipart";
import { mediaKindOf, uploadIssues } from "@papo/whatsapp";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError, badRequest, notFound } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { canSeeMedia } from "../access/scope.ts";
import { createMediaRepo } from "./repo.ts";

const mediaSchema = z.object({
  id: z.uuid(),
  mimeType: z.string().nullable(),
  filename: z.string().nullable(),
  size: z.number().nullable(),
  sha256: z.string().nullable(),
  status: z.enum(["pending", "stored", "failed"]),
});

/** Types a browser renders without running anything: images (not SVG), audio, video, PDF. */
const INLINE_TYPES = /^(image\/(jpeg|png|webp|gif)|audio\/[\w.+-]+|video\/[\w.+-]+|application\/pdf)(;|$)/i;

/** Meta's largest media (documents) is 100 MB. */
const MAX_UPLOAD = 100 * 1024 * 1024;

export async function mediaRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = () => createMediaRepo({ db: deps.database.db, cipher: deps.cipher });

  r.post(
    "/api/v1/media",
    {
      schema: {
        tags: ["media"],
        summary: "Upload a file (multipart field `file`) to send later by its id",
        consumes: ["multipart/form-data"],
        response: { 201: mediaSchema, 400: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      if (!request.isMultipart()) throw badRequest("media.multipart_required", "Send multipart/form-data with a `file` field");
      const file = await request.file({ limits: { fileSize: MAX_UPLOAD } });
      if (!file) throw badRequest("media.file_required", "file: missing");
      const data = await file.toBuffer().catch((error: unknown) => {
        throw badRequest("media.too_large", `file: larger than ${MAX_UPLOAD} bytes`, { cause: String(error) });
      });
      const mimeType = file.mimetype;
      const issues = mediaKindOf({ mimeType })
        ? uploadIssues({ mimeType, size: data.byteLength })
        : [{ path: "file", message: `WhatsApp does not accept ${mimeType}` }];
      if (issues.length) throw badRequest("media.unsupported", `file: ${issues[0]?.message}`, { issues });
      const id = randomUUID();
      const storageKey = await deps.storage.write({ workspaceId: ctx.workspaceId, mediaId: id, data });
      const record = await repo().insert({
        id,
        workspaceId: ctx.workspaceId,
        channelId: null,
        direction: "outbound",
        mimeType,
        size: data.byteLength,
        sha256: createHash("sha256").update(data).digest("hex"),
        filename: file.filename || null,
        storageKey,
        status: "stored",
      });
      return reply.code(201).send({
        id: record.id,
        mimeType: record.mimeType,
        filename: record.filename,
        size: record.size,
        sha256: record.sha256,
        status: record.status,
      });
    },
  );

  r.get(
    "/api/v1/media/:id",
    {
      schema: {
        tags: ["media"],
        summary: "Download a media file (decrypted); 409 while an inbound file is still being fetched from WhatsApp",
        params: z.object({ id: z.uuid() }),
        produces: ["application/octet-stream"],
        response: { 200: z.any().describe("The file's bytes, with its own content type"), 404: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      const record = await repo().get(ws, request.params.id);
      if (!record || !(await canSeeMedia(deps.database.db, ctx, record))) throw notFound("media", request.params.id);
      if (record.status !== "stored" || !record.storageKey) {
        throw new AppError({
          code: `media.${record.status}`,
          status: 409,
          message:
            record.status === "pending"
              ? "The file is still being downloaded from WhatsApp"
              : "The file could not be downloaded from WhatsApp",
        });
      }
      const data = await deps.storage.read({ workspaceId: ws, mediaId: record.id, storageKey: record.storageKey });
      const filename = record.filename ?? `${record.id}`;
      const mimeType = record.mimeType ?? "application/octet-stream";
      // A customer's document can be anything (text/html, an SVG with script): only media a browser shows inertly
      // is served inline; the rest downloads.
      const disposition = INLINE_TYPES.test(mimeType) ? "inline" : "attachment";
      return reply
        .header("content-type", mimeType)
        .header("content-length", data.byteLength)
        .header("cache-control", "private, no-store")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", `${disposition}; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(data);
    },
  );
}
