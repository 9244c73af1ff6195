import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServiceContext } from "../../context.ts";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { decodeCursor, errorResponse, page, toPage } from "../../http/pagination.ts";
import { canSeeContact } from "../access/scope.ts";
import { auditSource } from "../audit/request.ts";
import { type ContactNote, createContactNotesRepo } from "./repo.ts";
import {
  type ContactNoteDto,
  contactNoteSchema,
  contactParams,
  createContactNoteBody,
  listContactNotesQuery,
  noteParams,
} from "./schemas.ts";

const toDto = (n: ContactNote): ContactNoteDto => ({
  id: n.id,
  body: n.body,
  author: n.author,
  createdAt: n.createdAt.toISOString(),
});

/** A note may be deleted by whoever wrote it, or by an administrator or supervisor (moderation). */
function requireNoteDeleter(ctx: ServiceContext, note: ContactNote): void {
  if (ctx.actor.type !== "user") return;
  if (ctx.actor.role === "admin" || ctx.actor.role === "supervisor") return;
  if (note.author?.id === ctx.actor.userId) return;
  throw new AppError({
    code: "auth.forbidden",
    status: 403,
    message: "Only the note's author, an administrator or a supervisor can delete it",
  });
}

/** Internal notes on a contact, written by agents in the contact panel. */
export async function contactNoteRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = () => createContactNotesRepo({ db: deps.database.db, cipher: deps.cipher });
  const tags = ["contacts"];
  // A contact out of the caller's scope (no conversation they may see) is answered like one that does not exist.
  const requireContact = async (ctx: ServiceContext, contactId: string) => {
    if (!(await canSeeContact(deps.database.db, ctx, contactId))) throw notFound("contacts", contactId);
  };
  const changed = (workspaceId: string, contactId: string) => deps.events.emit({ type: "contact.updated", workspaceId, contactId });

  r.get(
    "/api/v1/contacts/:id/notes",
    {
      schema: {
        tags,
        summary: "List a contact's notes, newest first",
        params: contactParams,
        querystring: listContactNotesQuery,
        response: { 200: page(contactNoteSchema), 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      await requireContact(ctx, request.params.id);
      const rows = await repo().list(ws, request.params.id, { limit: request.query.limit + 1, before: decodeCursor(request.query.cursor) });
      return toPage(rows, request.query.limit, toDto, (n) => ({ at: n.createdAt, id: n.id }));
    },
  );
  r.post(
    "/api/v1/contacts/:id/notes",
    {
      schema: {
        tags,
        summary: "Add a note to a contact (internal: never sent to the customer)",
        params: contactParams,
        body: createContactNoteBody,
        response: { 201: contactNoteSchema, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      await requireContact(ctx, request.params.id);
      const created = await repo().insert(ctx.workspaceId, {
        contactId: request.params.id,
        authorUserId: ctx.actor.type === "user" ? ctx.actor.userId : null,
        body: request.body.body,
      });
      await deps.audit.record({
        ...auditSource(request),
        action: "contact.note_added",
        target: { type: "contact", id: created.contactId },
        details: { noteId: created.id },
      });
      changed(ctx.workspaceId, created.contactId);
      return reply.code(201).send(toDto(created));
    },
  );
  r.delete(
    "/api/v1/contacts/:id/notes/:noteId",
    {
      schema: {
        tags,
        summary: "Delete a note (its author, an administrator or a supervisor)",
        params: noteParams,
        response: { 204: z.null(), 403: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      const { id: contactId, noteId } = request.params;
      await requireContact(ctx, contactId);
      const note = await repo().get(ctx.workspaceId, contactId, noteId);
      if (!note) throw notFound("contact_notes", noteId);
      requireNoteDeleter(ctx, note);
      if (!(await repo().delete(ctx.workspaceId, contactId, noteId))) throw notFound("contact_notes", noteId);
      await deps.audit.record({
        ...auditSource(request),
        action: "contact.note_deleted",
        target: { type: "contact", id: contactId },
        details: { noteId },
      });
      changed(ctx.workspaceId, contactId);
      return reply.code(204).send(null);
    },
  );
}
