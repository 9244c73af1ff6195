import type { FastifyInstance } from "fastify";
import type { SimContext } from "../context.ts";
import { applyCallFault } from "../graph/call-fault.ts";
import { objectNotFound } from "../graph/failure.ts";
import { sendGraphFailure } from "../graph/reply.ts";
import { listTemplates, type TemplateListQuery } from "../templates/list.ts";
import { type CreateTemplateBody, createTemplate, deleteTemplates, templatesOf } from "../templates/registry.ts";
import { scheduleApproval } from "../templates/review.ts";

type Params = { version: string; wabaId: string };

/** `GET`, `POST` and `DELETE /:version/:wabaId/message_templates`. */
export function registerTemplateRoutes(app: FastifyInstance, ctx: SimContext): void {
  const path = "/:version/:wabaId/message_templates";

  app.get<{ Params: Params; Querystring: TemplateListQuery }>(path, async (request, reply) => {
    const { version, wabaId } = request.params;
    if (!ctx.state.accounts.has(wabaId)) return sendGraphFailure(reply, objectNotFound({ id: wabaId, method: "get" }));
    const fault = await applyCallFault(ctx, "templates");
    if (fault) return sendGraphFailure(reply, fault);
    const pageUrl = (params: Record<string, string>): string =>
      `${ctx.publicUrl()}/${version}/${wabaId}/message_templates?${new URLSearchParams(params).toString()}`;
    return reply.send(listTemplates({ templates: templatesOf(ctx.state, wabaId), query: request.query, pageUrl }));
  });

  app.post<{ Params: Params; Body: unknown }>(path, async (request, reply) => {
    const { wabaId } = request.params;
    if (!ctx.state.accounts.has(wabaId)) return sendGraphFailure(reply, objectNotFound({ id: wabaId, method: "post" }));
    const fault = await applyCallFault(ctx, "templates");
    if (fault) return sendGraphFailure(reply, fault);
    const body = typeof request.body === "object" && request.body !== null ? (request.body as CreateTemplateBody) : {};
    const result = createTemplate(ctx.state, { wabaId, body });
    if (!result.ok) return sendGraphFailure(reply, result.failure);
    scheduleApproval(ctx, result.value);
    return reply.send({ id: result.value.id, status: result.value.status, category: result.value.category });
  });

  app.delete<{ Params: Params; Querystring: { name?: unknown; hsm_id?: unknown } }>(path, async (request, reply) => {
    const { wabaId } = request.params;
    if (!ctx.state.accounts.has(wabaId)) return sendGraphFailure(reply, objectNotFound({ id: wabaId, method: "delete" }));
    const fault = await applyCallFault(ctx, "templates");
    if (fault) return sendGraphFailure(reply, fault);
    const { name, hsm_id: hsmId } = request.query;
    if (typeof name !== "string" || name === "")
      return sendGraphFailure(reply, { code: 100, details: "name: the template name to delete is required" });
    const result = deleteTemplates(ctx.state, { wabaId, name, ...(typeof hsmId === "string" ? { hsmId } : {}) });
    return result.ok ? reply.send({ success: true }) : sendGraphFailure(reply, result.failure);
  });
}
