import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/raw.ts";
import type { UserRole } from "../../db/schema/users.ts";
import { users } from "../../db/schema/users.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import type { DomainEvent } from "../../events/bus.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type ErrorBody = { error: { code: string; message: string } };
type Note = { id: string; body: string; author: { id: string; name: string } | null; createdAt: string };
type Page<T> = { data: T[]; nextCursor: string | null };

describe.each(DATABASE_KINDS)("contact notes (%s)", (kind) => {
  let t: TestPapo;
  let agent: { id: string; token: string };
  let otherAgent: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let outsider: { id: string; token: string };
  let contactId: string;
  const run = it.skipIf(!isAvailable(kind));

  const addUser = (workspaceId: string, name: string, email: string, role: UserRole) => t.addUser({ workspaceId, name, email, role });
  const as = <T>(token: string, method: string, path: string, body?: unknown) => t.apiAs<T>(token, method, path, body);
  const newContact = async (name: string) => {
    const created = await t.api<{ id: string }>("POST", "/api/v1/contacts", { name });
    if (created.status !== 201) throw new Error(`contact not created: ${JSON.stringify(created.body)}`);
    return created.body.id;
  };
  const notesPath = (id: string) => `/api/v1/contacts/${id}/notes`;
  const addNote = (body: string, token = t.token, id = contactId) => as<Note>(token, "POST", notesPath(id), { body });

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    const me = await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me");
    agent = await addUser(me.body.workspaceId, "Ana Agente", "ana@papo.test", "agent");
    otherAgent = await addUser(me.body.workspaceId, "Bruno Agente", "bruno@papo.test", "agent");
    // An agent reaches a contact through a conversation they may see (modules/access/scope.ts); these agents see all
    // conversations, so the notes' own rules are tested on contacts without any (scoping: access/scoping.test.ts).
    for (const { id } of [agent, otherAgent]) await t.api("PATCH", `/api/v1/users/${id}`, { permissions: ["conversations.see_all"] });
    supervisor = await addUser(me.body.workspaceId, "Sílvia Supervisora", "silvia@papo.test", "supervisor");
    const otherWorkspace = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: otherWorkspace, name: "Outra empresa" });
    outsider = await addUser(otherWorkspace, "Intruso", "admin@outra.test", "admin");
    contactId = await newContact("Lia Souza");
  });
  afterAll(async () => t?.close());

  run("when an agent adds a note, the answer is 201 with the body, the author and the time, and it is listed", async () => {
    const before = Date.now();
    const created = await addNote("  Prefere ser atendida à tarde.  ", agent.token);

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ body: "Prefere ser atendida à tarde.", author: { id: agent.id, name: "Ana Agente" } });
    expect(new Date(created.body.createdAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const listed = await t.api<Page<Note>>("GET", notesPath(contactId));
    expect(listed.body.data).toEqual([created.body]);
  });

  run("when a note is stored, the raw row holds ciphertext bound to contact_notes:body, not the text", async () => {
    const created = await addNote("CPF 123.456.789-00, cliente VIP");
    const [row] = await queryRows<{ body_enc: string }>(
      t.papo.deps.database.db,
      sql`select body_enc from contact_notes where id = ${created.body.id}`,
    );
    expect(row?.body_enc.startsWith("pe1:")).toBe(true);
    expect(row?.body_enc).not.toContain("123.456.789");
    expect(row?.body_enc).not.toContain("VIP");
    const place = {
      workspaceId: (await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me")).body.workspaceId,
      rowId: created.body.id,
    };
    expect(t.papo.deps.cipher.decrypt({ ...place, table: "contact_notes", column: "body" }, row?.body_enc ?? "")).toBe(
      "CPF 123.456.789-00, cliente VIP",
    );
  });

  run("when there are more notes than the limit, pages come newest first and together hold every note once", async () => {
    const id = await newContact("Paginada");
    const bodies = Array.from({ length: 7 }, (_, i) => `nota ${i + 1}`);
    for (const body of bodies) expect((await addNote(body, t.token, id)).status).toBe(201);

    const seen: Note[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const response = await t.api<Page<Note>>("GET", `${notesPath(id)}${query}`);
      expect(response.status).toBe(200);
      expect(response.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...response.body.data);
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    expect(pages).toBe(3);
    expect(seen.map((n) => n.body)).toEqual([...bodies].reverse());
  });

  run("when a note is added or deleted, contact.updated is emitted for its contact", async () => {
    const events: DomainEvent[] = [];
    const off = t.papo.deps.events.on((event) => events.push(event));
    try {
      const created = await addNote("avisar quando chegar o estoque", agent.token);
      expect((await as(agent.token, "DELETE", `${notesPath(contactId)}/${created.body.id}`)).status).toBe(204);
    } finally {
      off();
    }
    const mine = events.filter((e) => e.type === "contact.updated" && e.contactId === contactId);
    expect(mine).toHaveLength(2);
  });

  run("when the author deletes their note, it is gone; deleting it again is 404 contact_notes.not_found", async () => {
    const created = await addNote("ligar amanhã", agent.token);
    const path = `${notesPath(contactId)}/${created.body.id}`;

    expect((await as(agent.token, "DELETE", path)).status).toBe(204);

    const listed = await t.api<Page<Note>>("GET", notesPath(contactId));
    expect(listed.body.data.map((n) => n.id)).not.toContain(created.body.id);
    const again = await as<ErrorBody>(agent.token, "DELETE", path);
    expect([again.status, again.body.error.code]).toEqual([404, "contact_notes.not_found"]);
  });

  run("when another agent deletes someone's note, it is 403 auth.forbidden and the note stays", async () => {
    const created = await addNote("nota da Ana", agent.token);
    const denied = await as<ErrorBody>(otherAgent.token, "DELETE", `${notesPath(contactId)}/${created.body.id}`);
    expect([denied.status, denied.body.error.code]).toEqual([403, "auth.forbidden"]);
    expect((await t.api<Page<Note>>("GET", notesPath(contactId))).body.data.map((n) => n.id)).toContain(created.body.id);
  });

  run("when a supervisor or an admin deletes an agent's note, it is deleted", async () => {
    const first = await addNote("para a supervisora apagar", agent.token);
    const second = await addNote("para o admin apagar", agent.token);
    expect((await as(supervisor.token, "DELETE", `${notesPath(contactId)}/${first.body.id}`)).status).toBe(204);
    expect((await t.api("DELETE", `${notesPath(contactId)}/${second.body.id}`)).status).toBe(204);
    const ids = (await t.api<Page<Note>>("GET", notesPath(contactId))).body.data.map((n) => n.id);
    expect(ids).not.toContain(first.body.id);
    expect(ids).not.toContain(second.body.id);
  });

  run("when the author's user is deleted, the note stays with a null author", async () => {
    const me = await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me");
    const leaving = await addUser(me.body.workspaceId, "Temporário", "temp@papo.test", "agent");
    await t.api("PATCH", `/api/v1/users/${leaving.id}`, { permissions: ["conversations.see_all"] });
    const created = await addNote("escrita por quem saiu", leaving.token);
    await t.papo.deps.database.db.delete(users).where(eq(users.id, leaving.id));

    const listed = await t.api<Page<Note>>("GET", notesPath(contactId));
    expect(listed.body.data.find((n) => n.id === created.body.id)).toMatchObject({ body: "escrita por quem saiu", author: null });
  });

  run("when another workspace lists, adds or deletes notes of this contact, it is 404 contacts.not_found", async () => {
    const created = await addNote("só desta empresa");
    const list = await as<ErrorBody>(outsider.token, "GET", notesPath(contactId));
    expect([list.status, list.body.error.code]).toEqual([404, "contacts.not_found"]);
    const add = await as<ErrorBody>(outsider.token, "POST", notesPath(contactId), { body: "intruso" });
    expect([add.status, add.body.error.code]).toEqual([404, "contacts.not_found"]);
    const del = await as<ErrorBody>(outsider.token, "DELETE", `${notesPath(contactId)}/${created.body.id}`);
    expect([del.status, del.body.error.code]).toEqual([404, "contacts.not_found"]);
    expect((await t.api<Page<Note>>("GET", notesPath(contactId))).body.data.map((n) => n.id)).toContain(created.body.id);
  });

  run("when a note id belongs to another contact or does not exist, delete is 404 contact_notes.not_found", async () => {
    const other = await newContact("Outro contato");
    const created = await addNote("do outro contato", t.token, other);
    const wrongContact = await t.api<ErrorBody>("DELETE", `${notesPath(contactId)}/${created.body.id}`);
    expect([wrongContact.status, wrongContact.body.error.code]).toEqual([404, "contact_notes.not_found"]);
    const missing = await t.api<ErrorBody>("DELETE", `${notesPath(contactId)}/${randomUUID()}`);
    expect([missing.status, missing.body.error.code]).toEqual([404, "contact_notes.not_found"]);
    const noContact = await t.api<ErrorBody>("GET", notesPath(randomUUID()));
    expect([noContact.status, noContact.body.error.code]).toEqual([404, "contacts.not_found"]);
  });

  run("when the body is missing, blank or too long, the 400 names body.body", async () => {
    for (const body of [{}, { body: "   " }, { body: "x".repeat(5001) }, { body: 42 }]) {
      const response = await t.api<ErrorBody>("POST", notesPath(contactId), body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("request.invalid");
      expect(response.body.error.message).toContain("body.body");
    }
    expect((await addNote("x".repeat(5000))).status).toBe(201);
  });

  run("when the ids are not UUIDs, the 400 names the parameter", async () => {
    const response = await t.api<ErrorBody>("DELETE", `${notesPath(contactId)}/nao-e-uuid`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("params.noteId");
  });

  run("when the OpenAPI document is fetched, it lists the note routes", async () => {
    const doc = (await (await fetch(`${t.papo.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/api/v1/contacts/{id}/notes"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/contacts/{id}/notes/{noteId}"] ?? {})).toEqual(["delete"]);
  });
});
