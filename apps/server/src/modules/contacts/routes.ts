import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError, isUniqueViolation, notFound } from "../../http/errors.ts";
import { decodeCursor, errorResponse, page, pageQuery, toPage } from "../../http/pagination.ts";
import { canSeeContact, conversationScope } from "../access/scope.ts";
import { auditSource } from "../audit/request.ts";
import { type Contact, createContactsRepo } from "./repo.ts";
import { contactSchema, createContactBody, updateContactBody } from "./schemas.ts";

/** What an erased contact (modules/privacy) is called in the API and the console. */
export const ERASED_CONTACT_NAME = "Contato apagado";

export const toContactDto = (c: Contact): z.infer<typeof contactSchema> => ({
  id: c.id,
  name: c.erasedAt && !c.name ? ERASED_CONTACT_NAME : c.name,
  phone: c.phone,
  waId: c.waId,
  userId: c.userId,
  username: c.username,
  tags: c.tags,
  attributes: c.attributes,
  externalId: c.externalId,
  ...(c.erasedAt ? { erasedAt: c.erasedAt.toISOString() } : {}),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** The names of the fields a body sets (the audit log records which fields changed, never their values). */
const fieldNames = (body: object): string[] =>
  Object.entries(body)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name)
    .sort();

/** A unique blind index or external id refused the write: say which value is already used. */
function conflict(error: unknown): never {
  if (isUniqueViolation(error))
    throw new AppError({
      code: "contacts.duplicate",
      status: 409,
      message: "Another contact already has this phone, WhatsApp id or external id",
    });
  throw error;
}

export async function contactRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = () => createContactsRepo({ db: deps.database.db, cipher: deps.cipher });
  const params = z.object({ id: z.uuid() });

  r.get(
    "/api/v1/contacts",
    {
      schema: {
        tags: ["contacts"],
        summary: "List contacts (newest first), or look one up by phone",
        querystring: z.object({
          ...pageQuery,
          phone: z.string().optional().describe("Exact lookup by phone or WhatsApp id, any formatting"),
        }),
        response: { 200: page(contactSchema), 400: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      if (request.query.phone !== undefined) {
        const found = await repo().findByPhone(ws, request.query.phone);
        const visible = found && (await canSeeContact(deps.database.db, ctx, found.id));
        return { data: found && visible ? [toContactDto(found)] : [], nextCursor: null };
      }
      const before = decodeCursor(request.query.cursor);
      const rows = await repo().list(
        ws,
        {
          limit: request.query.limit + 1,
          ...(before ? { before: { createdAt: before.at, id: before.id } } : {}),
        },
        conversationScope(ctx),
      );
      return toPage(rows, request.query.limit, toContactDto, (c) => ({ at: c.createdAt, id: c.id }));
    },
  );
  r.post(
    "/api/v1/contacts",
    {
      schema: {
        tags: ["contacts"],
        summary: "Create a contact",
        body: createContactBody,
        response: { 201: contactSchema, 400: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const waId = body.waId ?? (body.phone ? body.phone.replace(/\D/g, "") : undefined);
      const created = await repo()
        .insert(authOf(request).workspaceId, { ...body, ...(waId ? { waId } : {}) })
        .catch(conflict);
      await deps.audit.record({
        ...auditSource(request),
        action: "contact.created",
        target: { type: "contact", id: created.id },
        details: { fields: fieldNames(body) },
      });
      return reply.code(201).send(toContactDto(created));
    },
  );
  r.get(
    "/api/v1/contacts/:id",
    { schema: { tags: ["contacts"], summary: "Get a contact", params, response: { 200: contactSchema, 404: errorResponse } } },
    async (request) => {
      const ctx = authOf(request);
      const contact = await repo().get(ctx.workspaceId, request.params.id);
      if (!contact || !(await canSeeContact(deps.database.db, ctx, contact.id))) throw notFound("contacts", request.params.id);
      // LGPD access evidence: who saw this contact's data (once per user and contact every few minutes).
      await deps.audit.recordContactView({ ctx, contactId: contact.id, ip: request.ip, via: { route: "contact" } });
      return toContactDto(contact);
    },
  );
  r.patch(
    "/api/v1/contacts/:id",
    {
      schema: {
        tags: ["contacts"],
        summary: "Update a contact",
        params,
        body: updateContactBody,
        response: { 200: contactSchema, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      if (!(await canSeeContact(deps.database.db, ctx, request.params.id))) throw notFound("contacts", request.params.id);
      const updated = await repo().update(ctx.workspaceId, request.params.id, request.body).catch(conflict);
      if (!updated) throw notFound("contacts", request.params.id);
      await deps.audit.record({
        ...auditSource(request),
        action: "contact.updated",
        target: { type: "contact", id: updated.id },
        details: { fields: fieldNames(request.body) },
      });
      deps.events.emit({ type: "contact.updated", workspaceId: updated.workspaceId, contactId: updated.id });
      return toContactDto(updated);
    },
  );
}
