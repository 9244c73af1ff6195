import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { errorResponse } from "../../http/pagination.ts";
import { auditSource } from "../audit/request.ts";
import { eraseContact } from "./erasure-service.ts";
import { EXPORT_MAX_BYTES, exportContact } from "./export-service.ts";
import { createRetentionRepo, cutoffsOf, type RetentionPolicy } from "./retention-repo.ts";
import {
  contactParams,
  eraseContactBody,
  erasureReportSchema,
  retentionPolicyBody,
  retentionPolicySchema,
  retentionPreviewQuery,
  retentionPreviewSchema,
} from "./schemas.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toPolicyDto = (p: RetentionPolicy): z.infer<typeof retentionPolicySchema> => ({
  messageDays: p.messageDays,
  mediaDays: p.mediaDays,
  updatedAt: iso(p.updatedAt),
  lastApplied: p.lastApplied ? { at: p.lastApplied.at.toISOString(), messages: p.lastApplied.messages, media: p.lastApplied.media } : null,
});

/** Data-subject requests (export, erasure) and the workspace's retention policy (LGPD). */
export async function privacyRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const retention = () => createRetentionRepo({ db: deps.database.db });

  r.get(
    "/api/v1/contacts/:id/export",
    {
      schema: {
        tags: ["privacy"],
        summary: "Export everything about a contact as a ZIP (LGPD access and portability; permission data.export; audited)",
        description:
          "README.txt (pt-BR and en), contact.json, consents.json, notes.json, handoffs.json, conversations.json, messages.json and media/<messageId>-<filename> " +
          `with the decrypted files. Built in memory: contacts whose files add up to more than ${EXPORT_MAX_BYTES} bytes get 413 privacy.export_too_large.`,
        params: contactParams,
        produces: ["application/zip"],
        response: { 200: z.any().describe("The ZIP archive"), 404: errorResponse, 413: errorResponse },
      },
    },
    async (request, reply) => {
      const { zip } = await exportContact({ deps, ctx: authOf(request), contactId: request.params.id, ip: request.ip });
      return reply
        .header("content-type", "application/zip")
        .header("content-disposition", `attachment; filename="papo-contact-${request.params.id}.zip"`)
        .header("cache-control", "no-store")
        .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
    },
  );

  r.post(
    "/api/v1/contacts/:id/erase",
    {
      schema: {
        tags: ["privacy"],
        summary: "Erase a contact's personal data (LGPD erasure; permission data.erase; irreversible; audited)",
        description:
          "One transaction: the contact is anonymised (name, phone, WhatsApp ids, username, attributes and their indexes nulled, tags cleared), " +
          "its notes deleted, every message's content erased (type, direction, status and times kept), reactions' emoji and its media deleted, " +
          "its open conversations resolved and queued sends cancelled. A later message from the same number makes a new contact.",
        params: contactParams,
        body: eraseContactBody,
        response: { 200: erasureReportSchema, 400: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (request) => {
      const report = await eraseContact({
        deps,
        ctx: authOf(request),
        contactId: request.params.id,
        confirm: request.body.confirm,
        ip: request.ip,
      });
      return { ...report, erasedAt: report.erasedAt.toISOString() };
    },
  );

  r.get(
    "/api/v1/workspace/retention",
    {
      schema: {
        tags: ["workspace"],
        summary: "The workspace's retention policy (permission settings.manage)",
        response: { 200: retentionPolicySchema },
      },
    },
    async (request) => toPolicyDto(await retention().get(authOf(request).workspaceId)),
  );

  r.put(
    "/api/v1/workspace/retention",
    {
      schema: {
        tags: ["workspace"],
        summary: "Set the retention policy: erase message content and media older than N days (permission settings.manage; audited)",
        description:
          "Applied by the retention job (every RETENTION_INTERVAL_SECONDS); see the dry run at /api/v1/workspace/retention/preview first.",
        body: retentionPolicyBody,
        response: { 200: retentionPolicySchema, 400: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      const before = await retention().get(workspaceId);
      await retention().put(workspaceId, request.body, deps.clock.now());
      await deps.audit.record({
        ...auditSource(request),
        action: "settings.changed",
        target: { type: "workspace", id: workspaceId },
        details: {
          setting: "retention",
          from: { messageDays: before.messageDays, mediaDays: before.mediaDays },
          to: { messageDays: request.body.messageDays, mediaDays: request.body.mediaDays },
        },
      });
      return toPolicyDto(await retention().get(workspaceId));
    },
  );

  r.get(
    "/api/v1/workspace/retention/preview",
    {
      schema: {
        tags: ["workspace"],
        summary: "Dry run: what the retention policy would erase now (permission settings.manage)",
        description:
          "With the saved policy, or with `messageDays`/`mediaDays` given in the query (to see a policy before saving it). Nothing is changed.",
        querystring: retentionPreviewQuery,
        response: { 200: retentionPreviewSchema, 400: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      const saved = await retention().get(workspaceId);
      const policy = {
        messageDays: request.query.messageDays === undefined ? saved.messageDays : request.query.messageDays,
        mediaDays: request.query.mediaDays === undefined ? saved.mediaDays : request.query.mediaDays,
      };
      const at = deps.clock.now();
      const cutoffs = cutoffsOf(policy, at);
      const preview = await retention().preview(workspaceId, cutoffs);
      return {
        policy,
        at: at.toISOString(),
        messagesBefore: iso(cutoffs.messages),
        mediaBefore: iso(cutoffs.media),
        messages: { count: preview.messages.count, oldest: iso(preview.messages.oldest) },
        media: { files: preview.media.files, bytes: preview.media.bytes, oldest: iso(preview.media.oldest) },
        channels: preview.channels,
      };
    },
  );
}
