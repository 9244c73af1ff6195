import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError, isUniqueViolation, notFound } from "../../http/errors.ts";
import { errorResponse, page } from "../../http/pagination.ts";
import { auditSource } from "../audit/request.ts";
import { type CannedResponse, createCannedResponsesRepo } from "./repo.ts";
import { cannedResponseSchema, createCannedResponseBody, listCannedResponsesQuery, updateCannedResponseBody } from "./schemas.ts";

const toDto = (c: CannedResponse): z.infer<typeof cannedResponseSchema> => ({
  id: c.id,
  shortcut: c.shortcut,
  title: c.title,
  body: c.body,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** The unique (workspace, shortcut) index refused the write. */
function shortcutTaken(error: unknown): never {
  if (isUniqueViolation(error))
    throw new AppError({
      code: "canned_responses.shortcut_taken",
      status: 409,
      message: "shortcut: another canned response already uses this shortcut",
    });
  throw error;
}

const NOT_FOUND = "canned_responses";

export async function cannedResponseRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = () => createCannedResponsesRepo({ db: deps.database.db, cipher: deps.cipher });
  const params = z.object({ id: z.uuid() });
  const tags = ["canned-responses"];
  // Every composer of the workspace keeps the list cached; the live stream tells them to refetch it.
  const changed = (workspaceId: string, cannedResponseId: string) =>
    deps.events.emit({ type: "canned_response.changed", workspaceId, cannedResponseId });
  // Shared team content is a workspace setting for the audit log: which response, what happened, which fields.
  const audited = (request: FastifyRequest, id: string, operation: "created" | "updated" | "deleted", body: object = {}) =>
    deps.audit.record({
      ...auditSource(request),
      action: "settings.changed",
      target: { type: "canned_response", id },
      details: {
        operation,
        fields: Object.keys(body)
          .filter((k) => (body as Record<string, unknown>)[k] !== undefined)
          .sort(),
      },
    });

  r.get(
    "/api/v1/canned-responses",
    {
      schema: {
        tags,
        summary: "List the workspace's canned responses by shortcut, optionally searched",
        querystring: listCannedResponsesQuery,
        response: { 200: page(cannedResponseSchema), 400: errorResponse },
      },
    },
    async (request) => {
      const rows = await repo().list(authOf(request).workspaceId, { q: request.query.q });
      return { data: rows.map(toDto), nextCursor: null };
    },
  );
  r.post(
    "/api/v1/canned-responses",
    {
      schema: {
        tags,
        summary: "Create a canned response (administrators and supervisors)",
        body: createCannedResponseBody,
        response: { 201: cannedResponseSchema, 400: errorResponse, 403: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      const created = await repo().insert(ctx.workspaceId, request.body).catch(shortcutTaken);
      await audited(request, created.id, "created", request.body);
      changed(ctx.workspaceId, created.id);
      return reply.code(201).send(toDto(created));
    },
  );
  r.patch(
    "/api/v1/canned-responses/:id",
    {
      schema: {
        tags,
        summary: "Update a canned response (administrators and supervisors)",
        params,
        body: updateCannedResponseBody,
        response: { 200: cannedResponseSchema, 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const updated = await repo().update(ctx.workspaceId, request.params.id, request.body).catch(shortcutTaken);
      if (!updated) throw notFound(NOT_FOUND, request.params.id);
      await audited(request, updated.id, "updated", request.body);
      changed(ctx.workspaceId, updated.id);
      return toDto(updated);
    },
  );
  r.delete(
    "/api/v1/canned-responses/:id",
    {
      schema: {
        tags,
        summary: "Delete a canned response (administrators and supervisors)",
        params,
        response: { 204: z.null(), 403: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      if (!(await repo().delete(ctx.workspaceId, request.params.id))) throw notFound(NOT_FOUND, request.params.id);
      await audited(request, request.params.id, "deleted");
      changed(ctx.workspaceId, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
