import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/raw.ts";
import type { UserRole } from "../../db/schema/users.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { hashPassword } from "../auth/passwords.ts";
import { createUsersRepo } from "../auth/repo.ts";

type Page<T> = { data: T[]; nextCursor: string | null };
type AuditEvent = {
  seq: number;
  at: string;
  actor: { type: string; id: string | null };
  action: string;
  target: { type: string; id: string | null } | null;
  details: Record<string, unknown>;
  personal: Record<string, unknown> | null;
  ip: string | null;
  prevHash: string;
  hash: string;
};
type ErrorBody = { error: { code: string; message: string } };
type Conversation = { id: string; contactId: string; status: string; handledBy: string; contact: { waId: string | null } | null };

/** A CSV parser for what the export writes (RFC 4180: quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

describe.each(DATABASE_KINDS)("audit log API and wiring (%s)", (kind) => {
  let t: TestPapo;
  let workspaceId: string;
  let adminId: string;
  let agent: { id: string; token: string };
  const run = it.skipIf(!isAvailable(kind));

  const as = async <T>(token: string, method: string, path: string) => {
    const response = await fetch(`${t.papo.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as T };
  };
  const events = async (query: Record<string, string>) =>
    (await t.api<Page<AuditEvent>>("GET", `/api/v1/audit-events?${new URLSearchParams({ limit: "200", ...query })}`)).body.data;
  const download = (query: Record<string, string>) =>
    fetch(`${t.papo.url}/api/v1/audit-events/export?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${t.token}` } });
  /** Every audit row of the database as PostgreSQL prints it. */
  const rawAuditText = async () =>
    (await queryRows<{ row: string }>(t.papo.deps.database.db, sql`select t::text as row from audit_events t`))
      .map((r) => r.row)
      .join("\n");
  const customerConversation = async (waId: string, name: string) => {
    t.sim.sendAsCustomer({ from: waId, name, type: "text", text: "Oi, tudo bem?" });
    return eventually(async () => {
      const { body } = await t.api<Page<Conversation>>("GET", "/api/v1/conversations");
      return body.data.find((c) => c.contact?.waId === waId);
    }, "the customer's conversation");
  };

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    workspaceId = t.papo.bootstrap.workspaceId;
    adminId = (await t.api<{ id: string }>("GET", "/api/v1/auth/me")).body.id;
    const password = "uma-senha-bem-forte-e-longa";
    const id = randomUUID();
    const role: UserRole = "agent";
    await createUsersRepo({ db: t.papo.deps.database.db }).insert({
      id,
      workspaceId,
      name: "Ana Agente",
      email: "ana.agente@papo.test",
      passwordHash: await hashPassword(password),
      role,
    });
    const login = await t.api<{ token: string }>("POST", "/api/v1/auth/login", { email: "ana.agente@papo.test", password });
    agent = { id, token: login.body.token };
  });
  afterAll(async () => t?.close());

  run("viewing a contact records contact.viewed with the viewing user and address, once within a few minutes", async () => {
    const created = await t.api<{ id: string }>("POST", "/api/v1/contacts", { name: "Cecília Viana", phone: "+55 11 93333-1000" });
    expect(created.status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await t.api("GET", `/api/v1/contacts/${created.body.id}`)).status).toBe(200);

    const views = await events({ action: "contact.viewed", targetId: created.body.id });
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      actor: { type: "user", id: adminId },
      target: { type: "contact", id: created.body.id },
      details: { route: "contact" },
      ip: "127.0.0.1",
    });
    expect(await events({ action: "contact.created", targetId: created.body.id })).toMatchObject([
      { actor: { id: adminId }, details: { fields: ["name", "phone"] } },
    ]);
  });

  run("opening a conversation's messages records a view of its contact", async () => {
    const conversation = await customerConversation("5521987650001", "Davi Moreira");
    expect((await t.api("GET", `/api/v1/conversations/${conversation.id}/messages`)).status).toBe(200);
    const views = await events({ action: "contact.viewed", targetId: conversation.contactId });
    expect(views).toMatchObject([
      { actor: { type: "user", id: adminId }, details: { route: "conversation", conversationId: conversation.id } },
    ]);
  });

  run(
    "contact, note, message, conversation, channel and canned-response changes are recorded with ids and field names, never values",
    async () => {
      const secret = {
        name: `Zuleica Brandão ${randomBytes(3).toString("hex")}`,
        note: `nota confidencial ${randomBytes(3).toString("hex")}`,
        text: `Seu CPF é 123.456.789-00 ${randomBytes(3).toString("hex")}`,
        token: `EAAG${randomBytes(12).toString("hex")}`,
        canned: `Olá, seu boleto ${randomBytes(3).toString("hex")}`,
      };
      const conversation = await customerConversation("5521987650002", "Elisa Prado");
      const contactId = conversation.contactId;

      expect((await t.api("PATCH", `/api/v1/contacts/${contactId}`, { name: secret.name, tags: ["vip"] })).status).toBe(200);
      const note = await t.api<{ id: string }>("POST", `/api/v1/contacts/${contactId}/notes`, { body: secret.note });
      expect(note.status).toBe(201);
      expect((await t.api("DELETE", `/api/v1/contacts/${contactId}/notes/${note.body.id}`)).status).toBe(204);
      const sent = await t.api<{ id: string }>("POST", `/api/v1/conversations/${conversation.id}/messages`, {
        type: "text",
        body: secret.text,
      });
      expect(sent.status).toBe(202);
      for (const patch of [{ assigneeId: adminId }, { status: "resolved" }, { handledBy: "bot" }, { markRead: true }]) {
        expect((await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, patch)).status).toBe(200);
      }
      const channel = await t.api<{ id: string }>("POST", "/api/v1/channels", {
        name: "Loja",
        phoneNumberId: String(Date.now()),
        wabaId: "998877",
        accessToken: secret.token,
        appSecret: "segredo-do-app",
      });
      expect(channel.status).toBe(201);
      expect(
        (await t.api("PATCH", `/api/v1/channels/${channel.body.id}`, { accessToken: `${secret.token}2`, name: "Loja 2" })).status,
      ).toBe(200);
      expect((await t.api("DELETE", `/api/v1/channels/${channel.body.id}`)).status).toBe(204);
      const canned = await t.api<{ id: string }>("POST", "/api/v1/canned-responses", {
        shortcut: "boleto",
        title: "Boleto",
        body: secret.canned,
      });
      expect(canned.status).toBe(201);
      expect((await t.api("PATCH", `/api/v1/canned-responses/${canned.body.id}`, { body: `${secret.canned}!` })).status).toBe(200);
      expect((await t.api("DELETE", `/api/v1/canned-responses/${canned.body.id}`)).status).toBe(204);

      const byUser = { actor: { type: "user", id: adminId } };
      expect(await events({ targetType: "contact", targetId: contactId, action: "contact.updated" })).toMatchObject([
        { ...byUser, details: { fields: ["name", "tags"] } },
      ]);
      expect(await events({ targetId: contactId, action: "contact.note_" })).toMatchObject([
        { action: "contact.note_deleted", details: { noteId: note.body.id } },
        { action: "contact.note_added", details: { noteId: note.body.id } },
      ]);
      expect(await events({ action: "message.sent", targetId: sent.body.id })).toMatchObject([
        { ...byUser, target: { type: "message" }, details: { type: "text", conversationId: conversation.id, contactId }, ip: "127.0.0.1" },
      ]);
      // Newest first; marking read changes nothing accountable and is not recorded.
      expect((await events({ targetType: "conversation", targetId: conversation.id })).map((e) => [e.action, e.details])).toEqual([
        ["conversation.transferred", { from: "human", to: "bot" }],
        ["conversation.status_changed", { from: "open", to: "resolved" }],
        ["conversation.assigned", { from: null, to: adminId }],
      ]);
      expect((await events({ targetType: "channel", targetId: channel.body.id })).map((e) => [e.action, e.details])).toEqual([
        ["channel.deleted", {}],
        ["channel.updated", { fields: ["name"] }],
        ["channel.credentials_changed", { fields: ["accessToken"] }],
        ["channel.created", { phoneNumberId: expect.any(String), sandbox: false, credentials: ["accessToken", "appSecret"] }],
      ]);
      expect((await events({ targetType: "canned_response", targetId: canned.body.id })).map((e) => [e.action, e.details])).toEqual([
        ["settings.changed", { operation: "deleted", fields: [] }],
        ["settings.changed", { operation: "updated", fields: ["body"] }],
        ["settings.changed", { operation: "created", fields: ["body", "shortcut", "title"] }],
      ]);

      const stored = await rawAuditText();
      for (const [label, value] of Object.entries(secret))
        expect({ label, found: stored.includes(value) }).toEqual({ label, found: false });
      expect(stored).not.toContain("Zuleica");
      expect(stored).not.toContain("127.0.0.1");
      expect((await t.api<{ ok: boolean }>("GET", "/api/v1/audit-events/verify")).body.ok).toBe(true);
    },
  );

  run("the list pages newest first with a cursor, and refuses bad cursors, reversed ranges and callers without audit.view", async () => {
    const all = await events({});
    expect(all.length).toBeGreaterThan(5);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => b - a));
    const first = await t.api<Page<AuditEvent>>("GET", "/api/v1/audit-events?limit=2");
    expect(first.body.data.map((e) => e.seq)).toEqual(all.slice(0, 2).map((e) => e.seq));
    const second = await t.api<Page<AuditEvent>>("GET", `/api/v1/audit-events?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((e) => e.seq)).toEqual(all.slice(2, 4).map((e) => e.seq));
    expect(all.at(-1)).toMatchObject({ seq: 1, prevHash: "0".repeat(64), actor: { type: "system" }, action: "channel.created" });

    const badCursor = await t.api<ErrorBody>("GET", "/api/v1/audit-events?cursor=bm9wZQ");
    expect(badCursor).toMatchObject({ status: 400, body: { error: { code: "request.invalid_cursor" } } });
    const reversed = await t.api<ErrorBody>("GET", "/api/v1/audit-events?from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z");
    expect(reversed).toMatchObject({ status: 400, body: { error: { code: "audit.invalid_range" } } });
    for (const path of ["/api/v1/audit-events", "/api/v1/audit-events/export?format=json", "/api/v1/audit-events/verify"]) {
      expect(await as<ErrorBody>(agent.token, "GET", path)).toMatchObject({ status: 403, body: { error: { code: "auth.forbidden" } } });
    }
  });

  run("exports stream CSV and JSON with the list's filters, oldest first, and are themselves audited", async () => {
    const contact = await t.api<{ id: string }>("POST", "/api/v1/contacts", { name: 'Fábio, o "Fabinho"', phone: "+55 31 94444-2000" });
    await t.api("GET", `/api/v1/contacts/${contact.body.id}`);
    await t.api("PATCH", `/api/v1/contacts/${contact.body.id}`, { tags: ["=cmd|' /C calc'!A0"] });

    const json = await download({ format: "json", targetType: "contact", targetId: contact.body.id });
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toContain("application/json");
    expect(json.headers.get("content-disposition")).toMatch(/^attachment; filename="papo-audit-\d{4}-\d{2}-\d{2}\.json"$/);
    const records = (await json.json()) as AuditEvent[];
    expect(records.map((r) => r.action)).toEqual(["contact.created", "contact.viewed", "contact.updated"]);
    expect(records[0]?.seq).toBeLessThan(records[2]?.seq ?? 0);
    expect(records[1]).toMatchObject({
      actor: { type: "user", id: adminId },
      ip: "127.0.0.1",
      target: { type: "contact", id: contact.body.id },
    });

    const csv = await download({ format: "csv", action: "contact.", actor: adminId });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const [header, ...rows] = parseCsv(await csv.text());
    expect(header).toEqual([
      "seq",
      "at",
      "actor_type",
      "actor_id",
      "action",
      "target_type",
      "target_id",
      "details",
      "personal",
      "ip",
      "prev_hash",
      "hash",
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r[4]?.startsWith("contact.") && r[3] === adminId)).toBe(true);
    const updated = rows.find((r) => r[4] === "contact.updated" && r[6] === contact.body.id);
    expect(JSON.parse(updated?.[7] ?? "null")).toEqual({ fields: ["tags"] });
    expect(updated?.[11]).toMatch(/^[0-9a-f]{64}$/);
    const seqs = rows.map((r) => Number(r[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const empty = await download({ format: "json", action: "nothing.matches" });
    expect(await empty.json()).toEqual([]);

    const exports = await events({ action: "audit.exported" });
    expect(exports.slice(0, 3).map((e) => e.details)).toEqual([
      { format: "json", filters: { action: "nothing.matches" } },
      { format: "csv", filters: { action: "contact.", actor: adminId } },
      { format: "json", filters: { targetType: "contact", targetId: contact.body.id } },
    ]);
    expect(exports[0]).toMatchObject({ actor: { type: "user", id: adminId }, target: { type: "audit_log", id: workspaceId } });
  });

  run("the verify endpoint answers ok with the head of the chain, then names the first record edited in the database", async () => {
    const before = await t.api<{ ok: boolean; checked: number; lastSeq: number; lastHash: string }>("GET", "/api/v1/audit-events/verify");
    const [newest] = await events({ limit: "1" });
    expect(before.body).toEqual({ ok: true, checked: newest?.seq, lastSeq: newest?.seq, lastHash: newest?.hash });

    await t.papo.deps.database.db.execute(
      sql`update audit_events set details = '{"fields": []}'::jsonb where workspace_id = ${workspaceId} and seq = 3`,
    );
    const after = await t.api("GET", "/api/v1/audit-events/verify");
    expect(after.body).toMatchObject({ ok: false, checked: 2, lastSeq: 2, firstBroken: { seq: 3, reason: "hash_mismatch" } });
  });
});
