import { execFile } from "node:child_process";
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/raw.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { createHandoffsRepo } from "../bot/handoffs-repo.ts";
import { createAiCache } from "../copilot/cache.ts";

/*
 * Data-subject requests end to end: a customer writes (text and a photo, downloaded from the simulator), an agent
 * answers and writes a note, then the contact is exported (the ZIP unzipped and checked) and erased (API, disk and a
 * plaintext scan checked), while another customer's data stays untouched.
 */

type Page<T> = { data: T[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string; details?: { field?: string } } };
type Conversation = { id: string; contactId: string; status: string; contact: { name: string | null; waId: string | null } | null };
type Message = {
  id: string;
  type: string;
  direction: string;
  status: string;
  text: string | null;
  content: unknown;
  erasedAt?: string;
  media?: { id: string; status: string; filename: string | null };
  statusTimestamps: Record<string, string | null>;
};
type Contact = {
  id: string;
  name: string | null;
  phone: string | null;
  waId: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  erasedAt?: string;
};
type AuditEvent = { action: string; target: { type: string; id: string } | null; details: Record<string, unknown> };

const execFileAsync = promisify(execFile);
const token = () => randomBytes(5).toString("hex");
const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(0, 10))).join("");

function filesUnder(root: string): Array<{ name: string; data: Buffer }> {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: relative(root, path), data: readFileSync(path) };
    });
}

describe.each(DATABASE_KINDS)("data-subject export and erasure (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let workspaceId: string;
  const lia = {
    name: `Liandra Quixadá-Teodoro ${token()}`,
    waId: `55119${digits(8)}`,
    text: `Meu CPF está na nota, pedido ${token()}`,
    caption: `Foto do comprovante ${token()}`,
    reply: `Recebido, Liandra! Protocolo ${token()}`,
    note: `Cliente pediu sigilo ${token()}`,
    cpf: `${digits(3)}.${digits(3)}.${digits(3)}-${digits(2)}`,
    imageMarker: `PAPO-ERASE-IMAGE-${token()}`,
  };
  const bruno = { name: `Bruno Outro ${token()}`, waId: `55219${digits(8)}`, text: `Mensagem do Bruno ${token()}` };
  const imageBytes = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from(`JFIF ${lia.imageMarker} `, "utf8"),
    randomBytes(200),
    Buffer.from([0xff, 0xd9]),
  ]);
  let liaConversation: Conversation;
  let liaMessages: Message[];
  let imageMediaId: string;
  let brunoConversation: Conversation;

  const download = (path: string, authorization = `Bearer ${t.token}`) => fetch(`${t.papo.url}${path}`, { headers: { authorization } });
  const messagesOf = async (conversationId: string) =>
    (await t.api<Page<Message>>("GET", `/api/v1/conversations/${conversationId}/messages?limit=200`)).body.data;
  const conversationOf = (waId: string) =>
    eventually(async () => {
      const { body } = await t.api<Page<Conversation>>("GET", "/api/v1/conversations?limit=100");
      return body.data.find((c) => c.contact?.waId === waId);
    }, `the conversation with ${waId}`);
  const auditOf = async (action: string) =>
    (await t.api<Page<AuditEvent>>("GET", `/api/v1/audit-events?action=${action}&limit=50`)).body.data;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    workspaceId = t.papo.bootstrap.workspaceId;
    t.sim.sendAsCustomer({ from: lia.waId, name: lia.name, type: "text", text: lia.text });
    t.sim.sendAsCustomer({
      from: lia.waId,
      name: lia.name,
      type: "image",
      image: { caption: lia.caption, mimeType: "image/jpeg", data: imageBytes.toString("base64") },
    });
    t.sim.sendAsCustomer({ from: bruno.waId, name: bruno.name, type: "text", text: bruno.text });
    liaConversation = await conversationOf(lia.waId);
    brunoConversation = await conversationOf(bruno.waId);
    const image = await eventually(
      async () => (await messagesOf(liaConversation.id)).find((m) => m.type === "image" && m.media?.status === "stored"),
      "the photo to be downloaded",
    );
    imageMediaId = image.media?.id ?? "";
    const reply = await t.api<Message>("POST", `/api/v1/conversations/${liaConversation.id}/messages`, { type: "text", body: lia.reply });
    expect(reply.status).toBe(202);
    await eventually(
      async () => (await messagesOf(liaConversation.id)).find((m) => m.id === reply.body.id && m.status === "read"),
      "the reply read",
    );
    expect((await t.api("POST", `/api/v1/contacts/${liaConversation.contactId}/notes`, { body: lia.note })).status).toBe(201);
    expect(
      (await t.api("PATCH", `/api/v1/contacts/${liaConversation.contactId}`, { tags: ["vip"], attributes: { cpf: lia.cpf } })).status,
    ).toBe(200);
    await t.sim.webhooksIdle();
    liaMessages = await messagesOf(liaConversation.id);
    expect(liaMessages.length).toBe(3);
  }, 120_000);
  afterAll(async () => t?.close());

  run(
    "the export is a ZIP with the contact, notes, conversations, every message and the original photo, and nothing of anyone else",
    async () => {
      // A handoff whose summary quotes her: the team's account of her request is hers to see (and to erase, below).
      await createHandoffsRepo({ db: t.papo.deps.database.db, cipher: t.papo.deps.cipher }).insert(workspaceId, {
        conversationId: liaConversation.id,
        reason: "customer_request",
        detail: "pediu uma pessoa",
        summary: `Cliente: ${lia.text}`,
        summaryEngine: "builtin",
        by: { kind: "bot" },
        at: new Date(),
      });
      const response = await download(`/api/v1/contacts/${liaConversation.contactId}/export`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/zip");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="papo-contact-${liaConversation.contactId}.zip"`);
      const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
      const text = (name: string) => strFromU8(entries[name] ?? new Uint8Array());
      const names = Object.keys(entries);
      expect(names).toEqual(
        expect.arrayContaining([
          "README.txt",
          "contact.json",
          "consents.json",
          "notes.json",
          "handoffs.json",
          "conversations.json",
          "messages.json",
        ]),
      );
      expect(text("README.txt")).toContain("[pt-BR]");
      expect(text("README.txt")).toContain("[en]");

      const contact = JSON.parse(text("contact.json")) as Contact;
      expect(contact).toMatchObject({
        id: liaConversation.contactId,
        name: lia.name,
        waId: lia.waId,
        tags: ["vip"],
        attributes: { cpf: lia.cpf },
      });
      expect((JSON.parse(text("notes.json")) as Array<{ body: string }>).map((n) => n.body)).toEqual([lia.note]);
      expect(JSON.parse(text("handoffs.json"))).toEqual([
        expect.objectContaining({ reason: "customer_request", detail: "pediu uma pessoa", summary: `Cliente: ${lia.text}` }),
      ]);
      expect((JSON.parse(text("conversations.json")) as Array<{ id: string }>).map((c) => c.id)).toEqual([liaConversation.id]);

      const exported = JSON.parse(text("messages.json")) as Message[];
      expect(exported.map((m) => m.id).sort()).toEqual(liaMessages.map((m) => m.id).sort());
      const byId = new Map(exported.map((m) => [m.id, m]));
      for (const original of liaMessages)
        expect(byId.get(original.id)).toMatchObject({ direction: original.direction, type: original.type });
      expect(exported.find((m) => m.direction === "outbound")?.statusTimestamps.readAt).toBeTruthy();
      expect(exported.find((m) => m.type === "text" && m.direction === "inbound")?.text).toBe(lia.text);
      expect(JSON.stringify(exported)).toContain(lia.caption);

      const mediaEntries = names.filter((n) => n.startsWith("media/"));
      const imageMessage = liaMessages.find((m) => m.type === "image");
      expect(mediaEntries).toHaveLength(1);
      expect(mediaEntries[0]?.startsWith(`media/${imageMessage?.id}-`)).toBe(true);
      expect(Buffer.from(entries[mediaEntries[0] ?? ""] ?? []).equals(imageBytes)).toBe(true);

      const everything = names.map((n) => Buffer.from(entries[n] ?? [])).reduce((a, b) => Buffer.concat([a, b]));
      for (const foreign of [bruno.name, bruno.waId, bruno.text, brunoConversation.id]) expect(everything.includes(foreign)).toBe(false);

      const [audited] = await auditOf("contact.exported");
      expect(audited).toMatchObject({
        target: { type: "contact", id: liaConversation.contactId },
        details: { messages: 3, media: 1, notes: 1 },
      });
      expect(JSON.stringify(audited)).not.toContain(lia.text);
    },
  );

  run("an agent gets 403 for export and erasure; another workspace's administrator gets 404", async () => {
    const agent = await t.addUser({ workspaceId, email: `agente-${token()}@papo.test`, role: "agent" });
    const supervisor = await t.addUser({ workspaceId, email: `sup-${token()}@papo.test`, role: "supervisor" });
    const otherWs = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: otherWs, name: "Outra" });
    const outsider = await t.addUser({ workspaceId: otherWs, email: `outro-${token()}@outra.test`, role: "admin" });
    const contactId = liaConversation.contactId;

    const agentExport = await download(`/api/v1/contacts/${contactId}/export`, `Bearer ${agent.token}`);
    expect([agentExport.status, ((await agentExport.json()) as ErrorBody).error.code]).toEqual([403, "auth.forbidden"]);
    const agentErase = await t.apiAs<ErrorBody>(agent.token, "POST", `/api/v1/contacts/${contactId}/erase`, { confirm: "APAGAR" });
    expect([agentErase.status, agentErase.body.error.code]).toEqual([403, "auth.forbidden"]);
    // Supervisors export (data.export) but do not erase (data.erase is the administrators').
    expect((await download(`/api/v1/contacts/${contactId}/export`, `Bearer ${supervisor.token}`)).status).toBe(200);
    const supervisorErase = await t.apiAs<ErrorBody>(supervisor.token, "POST", `/api/v1/contacts/${contactId}/erase`, {
      confirm: "APAGAR",
    });
    expect(supervisorErase.status).toBe(403);

    const outsiderExport = await download(`/api/v1/contacts/${contactId}/export`, `Bearer ${outsider.token}`);
    expect([outsiderExport.status, ((await outsiderExport.json()) as ErrorBody).error.code]).toEqual([404, "contacts.not_found"]);
    const outsiderErase = await t.apiAs<ErrorBody>(outsider.token, "POST", `/api/v1/contacts/${contactId}/erase`, { confirm: "APAGAR" });
    expect([outsiderErase.status, outsiderErase.body.error.code]).toEqual([404, "contacts.not_found"]);
    expect((await t.api<Contact>("GET", `/api/v1/contacts/${contactId}`)).body.name).toBe(lia.name);
  });

  run("a confirmation that is neither the contact's phone nor APAGAR/ERASE gets 422 naming the field, and nothing is erased", async () => {
    for (const confirm of ["apagar tudo", "+55 11 90000-0000", bruno.waId]) {
      const refused = await t.api<ErrorBody>("POST", `/api/v1/contacts/${liaConversation.contactId}/erase`, { confirm });
      expect([refused.status, refused.body.error.code, refused.body.error.details?.field]).toEqual([
        422,
        "privacy.confirmation_mismatch",
        "confirm",
      ]);
      expect(refused.body.error.message.startsWith("confirm:")).toBe(true);
    }
    const empty = await t.api<ErrorBody>("POST", `/api/v1/contacts/${liaConversation.contactId}/erase`, {});
    expect([empty.status, empty.body.error.code]).toEqual([400, "request.invalid"]);
    expect(empty.body.error.message).toContain("body.confirm");
    expect((await t.api<Contact>("GET", `/api/v1/contacts/${liaConversation.contactId}`)).body.name).toBe(lia.name);
    expect((await messagesOf(liaConversation.id)).every((m) => m.erasedAt === undefined)).toBe(true);
  });

  run("erasure anonymises the contact, erases every message's content and the photo, keeps the counts, and is audited", async () => {
    const contactId = liaConversation.contactId;
    const file = join(t.dataDir, "media", workspaceId, `${imageMediaId}.bin`);
    expect(existsSync(file)).toBe(true);
    const countsBefore = await queryRows<{ conversations: string | number; messages: string | number }>(
      t.papo.deps.database.db,
      sql`select (select count(*) from conversations) as conversations, (select count(*) from messages) as messages`,
    );

    // The copilot has read her messages (language, mood): that reading is about her too.
    const reading = () =>
      queryRows<{ n: string | number }>(
        t.papo.deps.database.db,
        sql`select count(*) as n from conversation_insights where conversation_id = ${liaConversation.id}::uuid`,
      ).then((rows) => Number(rows[0]?.n));
    await eventually(async () => ((await reading()) > 0 ? true : undefined), "the copilot's reading of the conversation");
    // A provider's cached answer may have been made from her words (it is keyed by a hash, not by message).
    const cache = createAiCache({ db: t.papo.deps.database.db, cipher: t.papo.deps.cipher, clock: t.papo.deps.clock, workspaceId });
    await cache.set("translation:lia", { text: lia.text });
    expect(await cache.get("translation:lia")).toEqual({ text: lia.text });

    // The phone as a person types it confirms, whatever the formatting.
    const phone = `+${lia.waId.slice(0, 2)} (${lia.waId.slice(2, 4)}) ${lia.waId.slice(4, 9)}-${lia.waId.slice(9)}`;
    const erased = await t.api<{ messages: number; media: number; notes: number; conversationsResolved: number }>(
      "POST",
      `/api/v1/contacts/${contactId}/erase`,
      { confirm: phone },
    );
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ messages: 3, media: 1, notes: 1, conversationsResolved: 1 });

    const contact = (await t.api<Contact>("GET", `/api/v1/contacts/${contactId}`)).body;
    expect(contact).toMatchObject({ name: "Contato apagado", phone: null, waId: null, tags: [], attributes: {} });
    expect(contact.erasedAt).toBeTruthy();
    const after = await messagesOf(liaConversation.id);
    expect(after.map((m) => m.id).sort()).toEqual(liaMessages.map((m) => m.id).sort());
    for (const m of after) {
      expect(m).toMatchObject({ text: "Conteúdo apagado (LGPD)", content: { erased: true } });
      expect(m.erasedAt).toBeTruthy();
      expect(m.media).toBeUndefined();
      const before = liaMessages.find((b) => b.id === m.id);
      expect([m.type, m.direction, m.status, m.statusTimestamps]).toEqual([
        before?.type,
        before?.direction,
        before?.status,
        before?.statusTimestamps,
      ]);
    }
    expect((await t.api<Page<unknown>>("GET", `/api/v1/contacts/${contactId}/notes`)).body.data).toEqual([]);
    expect(existsSync(file)).toBe(false);
    expect((await download(`/api/v1/media/${imageMediaId}`)).status).toBe(404);
    const conversation = (await t.api<Conversation>("GET", `/api/v1/conversations/${liaConversation.id}`)).body;
    expect([conversation.status, conversation.contact?.name]).toEqual(["resolved", "Contato apagado"]);
    expect(await reading()).toBe(0);
    expect(await cache.get("translation:lia")).toBeUndefined();
    const insights = await queryRows<{ n: string | number }>(
      t.papo.deps.database.db,
      sql`select count(*) as n from message_insights where message_id in (${sql.join(
        liaMessages.map((m) => sql`${m.id}::uuid`),
        sql`, `,
      )})`,
    );
    expect(Number(insights[0]?.n)).toBe(0);
    const countsAfter = await queryRows<{ conversations: string | number; messages: string | number }>(
      t.papo.deps.database.db,
      sql`select (select count(*) from conversations) as conversations, (select count(*) from messages) as messages`,
    );
    expect(countsAfter.map((c) => [Number(c.conversations), Number(c.messages)])).toEqual(
      countsBefore.map((c) => [Number(c.conversations), Number(c.messages)]),
    );
    const terms = await queryRows<{ n: string | number }>(
      t.papo.deps.database.db,
      sql`select count(*) as n from search_terms where item_id in (${sql.join(
        [contactId, ...liaMessages.map((m) => m.id)].map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    expect(Number(terms[0]?.n)).toBe(0);

    const [audited] = await auditOf("contact.erased");
    expect(audited).toMatchObject({
      target: { type: "contact", id: contactId },
      details: { confirmedBy: "phone", messages: 3, media: 1, notes: 1 },
    });
    expect(JSON.stringify(audited)).not.toContain(lia.waId);

    // What Papo can still decrypt about her holds none of her data (the export is everything it has).
    const zip = unzipSync(new Uint8Array(await (await download(`/api/v1/contacts/${contactId}/export`)).arrayBuffer()));
    expect(Object.keys(zip).filter((n) => n.startsWith("media/"))).toEqual([]);
    const decrypted = Object.values(zip)
      .map((bytes) => strFromU8(bytes))
      .join("\n");
    for (const value of [lia.name, lia.waId, lia.text, lia.caption, lia.reply, lia.note, lia.cpf, "Quixadá"])
      expect(decrypted).not.toContain(value);
    // The control: the same export of the other customer still holds his words.
    const brunoZip = unzipSync(
      new Uint8Array(await (await download(`/api/v1/contacts/${brunoConversation.contactId}/export`)).arrayBuffer()),
    );
    expect(strFromU8(brunoZip["messages.json"] ?? new Uint8Array())).toContain(bruno.text);
    expect((await messagesOf(brunoConversation.id)).map((m) => m.text)).toEqual([bruno.text]);
  });

  run("a later message from the same number makes a new contact, not linked to the erased one", async () => {
    const again = `Oi de novo ${token()}`;
    t.sim.sendAsCustomer({ from: lia.waId, name: "Lia", type: "text", text: again });
    const conversation = await conversationOf(lia.waId);
    expect(conversation.contactId).not.toBe(liaConversation.contactId);
    expect(conversation.id).not.toBe(liaConversation.id);
    expect((await messagesOf(conversation.id)).map((m) => m.text)).toEqual([again]);
    expect((await t.api<Contact>("GET", `/api/v1/contacts/${liaConversation.contactId}`)).body.waId).toBeNull();
  });

  run("after erasure, no file Papo leaves behind (database files and media folder) holds her data in plaintext", async () => {
    await t.sim.webhooksIdle();
    await t.stop();
    const haystacks = filesUnder(t.dataDir);
    if (t.config.database.kind === "pglite") {
      const client = await PGlite.create(t.config.database.dir);
      try {
        const tables = await client.query<{ name: string }>(
          `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
        );
        for (const table of tables.rows) {
          const rows = await client.query<{ row: string }>(`select t::text as row from "${table.name}" t`);
          haystacks.push({ name: `rows of ${table.name}`, data: Buffer.from(rows.rows.map((r) => r.row).join("\n")) });
        }
      } finally {
        await client.close();
      }
    } else {
      const dump = join(tmpdir(), `papo-erasure-${token()}.sql`);
      try {
        await execFileAsync("pg_dump", ["--no-owner", "--no-privileges", "--file", dump, "--dbname", t.config.database.url]);
        haystacks.push({ name: "pg_dump", data: readFileSync(dump) });
      } finally {
        rmSync(dump, { force: true });
      }
    }
    const needles = [
      lia.name,
      "Quixadá",
      lia.waId,
      lia.waId.slice(2),
      lia.text,
      lia.caption,
      lia.reply,
      lia.note,
      lia.cpf,
      lia.imageMarker,
    ];
    const hits = needles.flatMap((needle) =>
      haystacks.filter((h) => h.data.includes(Buffer.from(needle))).map((h) => `${needle} in ${h.name}`),
    );
    expect(hits).toEqual([]);
    // The control: the contact's id (plaintext by design) is found by the same scan.
    expect(haystacks.some((h) => h.data.includes(Buffer.from(liaConversation.contactId)))).toBe(true);
  });
});
