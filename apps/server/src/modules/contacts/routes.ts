import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError, isUniqueViolation, notFound } from "../../http/errors.ts";
import { decodeCursor, errorResponse, page, pageQuery, toPage } from "../../http/pagination.ts";
import { type Contact, createContactsRepo } from "./repo.ts";
import { contactSchema, createContactBody, updateContactBody } from "./schemas.ts";

export const toContactDto = (c: Contact): z.infer<typeof contactSchema> => ({
  id: c.id,
  name: c.name,
  phone: c.phone,
  waId: c.waId,
  userId: c.userId,
  username: c.username,
  tags: c.tags,
  attributes: c.attributes,
  externalId: c.externalId,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

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
      const ws = authOf(request).workspaceId;
      if (request.query.phone !== undefined) {
        const found = await repo().findByPhone(ws, request.query.phone);
        return { data: found ? [toContactDto(found)] : [], nextCursor: null };
      }
      const before = decodeCursor(request.query.cursor);
      const rows = await repo().list(ws, {
        limit: request.query.limit + 1,
        ...(before ? { before: { createdAt: before.at, id: before.id } } : {}),
      });
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
      return reply.code(201).send(toContactDto(created));
    },
  );
  r.get(
    "/api/v1/contacts/:id",
    { schema: { tags: ["contacts"], summary: "Get a contact", params, response: { 200: contactSchema, 404: errorResponse } } },
    async (request) => {
      const contact = await repo().get(authOf(request).workspaceId, request.params.id);
      if (!contact) throw notFound("contacts", request.params.id);
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
      const updated = await repo().update(authOf(request).workspaceId, request.params.id, request.body).catch(conflict);
      if (!updated) throw notFound("contacts", request.params.id);
      deps.events.emit({ type: "contact.updated", workspaceId: updated.workspaceId, contactId: updated.id });
      return toContactDto(updated);
    },
  );
}
