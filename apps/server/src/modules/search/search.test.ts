import { randomUUID } from "node:crypto";
import type { InboundContent } from "@papo/whatsapp";
import { and, eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemContext } from "../../context.ts";
import { messages } from "../../db/schema/messages.ts";
import { searchBackfill } from "../../db/schema/search-backfill.ts";
import { searchTerms } from "../../db/schema/search-terms.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { createChannel } from "../channels/service.ts";
import { wamidBlindIndex } from "../messages/repo.ts";
import { createIngest } from "../webhook/ingest.ts";
import { searchBackfillStatus, startSearchBackfill } from "./backfill.ts";
import type { SearchResult } from "./schemas.ts";
import { deleteSearchTerms, searchTermKey } from "./terms-repo.ts";

type ErrorBody = { error: { code: string; message: string; details?: { field?: string } } };
type Page<T> = { data: T[]; nextCursor: string | null };

/**
 * Search through blind indexes, end to end: messages arrive through the simulator's signed webhook (or the real ingest
 * for numbers the simulator does not serve), are sent through the API, contacts are created and changed through the
 * API; searches go through GET /api/v1/search as the admin, a supervisor and an agent.
 */
describe.each(DATABASE_KINDS)("search over encrypted content (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let ws: string;
  let otherWs: string;
  let agent: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let otherAdmin: { id: string; token: string };
  /** Message ids by what they say. */
  const ids = {} as Record<"nao" | "pagamentos" | "both" | "contract" | "reply" | "sales" | "foreign", string>;
  const conversation = { ana: "", bruno: "" };
  let anaContactId = "";

  const search = (query: string, token = t.token) =>
    t.apiAs<SearchResult>(token, "GET", `/api/v1/search?${new URLSearchParams({ q: query })}`);
  const searchAs = async (token: string, params: Record<string, string>) =>
    t.apiAs<SearchResult & ErrorBody>(token, "GET", `/api/v1/search?${new URLSearchParams(params)}`);
  const messageIds = async (query: string, token = t.token) => {
    const answer = await searchAs(token, { q: query, type: "messages" });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body.messages?.data ?? []).map((m) => m.id).sort();
  };
  const contactNames = async (query: string, token = t.token) => {
    const answer = await searchAs(token, { q: query, type: "contacts" });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body.contacts?.data ?? []).map((c) => c.name).sort();
  };
  /** The stored message of a wamid (found by its blind index, as ingest does). */
  const storedByWamid = async (workspaceId: string, wamid: string) => {
    const [row] = await t.papo.deps.database.db
      .select({ id: messages.id, conversationId: messages.conversationId, contactId: messages.contactId })
      .from(messages)
      .where(
        and(eq(messages.workspaceId, workspaceId), eq(messages.waMessageIdBidx, wamidBlindIndex(t.papo.deps.cipher, workspaceId, wamid))),
      );
    return row;
  };
  /** A customer writing to the sandbox number, through the simulator's signed webhook. */
  const customerSays = async (from: string, name: string, input: Record<string, unknown>) => {
    const sent = t.sim.sendAsCustomer({ from, name, ...input } as Parameters<TestPapo["sim"]["sendAsCustomer"]>[0]);
    return eventually(() => storedByWamid(ws, sent.wamid), `the message ${sent.wamid}`);
  };
  /** A customer writing to a number the simulator does not serve: the webhook's ingest, called directly. */
  const ingestOn = async (workspaceId: string, phoneNumberId: string, from: string, content: InboundContent) => {
    const ingest = createIngest({
      db: t.papo.deps.database.db,
      cipher: t.papo.deps.cipher,
      clock: t.papo.deps.clock,
      events: t.papo.deps.events,
      log: pino({ level: "silent" }),
    });
    const wamid = `wamid.${randomUUID()}`;
    await ingest.apply(
      {
        kind: "message",
        source: { wabaId: "81000", phoneNumberId, field: "messages" },
        wamid,
        timestamp: new Date(),
        from: { waId: from, name: `Cliente ${from.slice(-4)}` },
        content,
        errors: [],
        raw: {},
      },
      { webhookEventId: randomUUID(), position: 0, receivedAt: new Date() },
    );
    const row = await storedByWamid(workspaceId, wamid);
    if (!row) throw new Error(`ingest stored no message for ${wamid}`);
    return row.id;
  };

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    const me = await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me");
    ws = me.body.workspaceId;
    const sandboxChannelId = t.papo.sandbox?.channel.id as string;

    agent = await t.addUser({ workspaceId: ws, email: "agente-busca@papo.test", role: "agent", name: "Agente" });
    supervisor = await t.addUser({ workspaceId: ws, email: "supervisora-busca@papo.test", role: "supervisor", name: "Sup" });
    const members = await t.api("PUT", `/api/v1/channels/${sandboxChannelId}/members`, { userIds: [agent.id] });
    if (members.status !== 200) throw new Error(`agent not added: ${JSON.stringify(members.body)}`);

    // On the sandbox number (the agent is a member).
    const a = await customerSays("5511955551001", "Ana Conceição", { type: "text", text: "nao recebi o boleto" });
    ids.nao = a.id;
    conversation.ana = a.conversationId;
    anaContactId = a.contactId;
    const b = await customerSays("5511955551002", "Bruno Lima", { type: "text", text: "Os *pagamentos* atrasaram" });
    ids.pagamentos = b.id;
    conversation.bruno = b.conversationId;
    ids.both = (await customerSays("5511955551002", "Bruno Lima", { type: "text", text: "O pagamento do boleto caiu?" })).id;
    ids.contract = (
      await customerSays("5511955551001", "Ana Conceição", {
        type: "document",
        document: { filename: "Contrato_Assinado.pdf", caption: "segue anexo" },
      })
    ).id;
    const reply = await t.api<{ id: string }>("POST", `/api/v1/conversations/${conversation.ana}/messages`, {
      type: "text",
      body: "Reenviamos a fatura hoje",
    });
    if (reply.status !== 202) throw new Error(`reply not queued: ${JSON.stringify(reply.body)}`);
    ids.reply = reply.body.id;

    // A second number of the same workspace; the agent is not a member of it.
    await createChannel({
      ctx: systemContext(ws, "test"),
      deps: t.papo.deps,
      input: { name: "Vendas", phoneNumberId: "8100000001", wabaId: "81000", accessToken: "EAAvendas" },
    });
    ids.sales = await ingestOn(ws, "8100000001", "5511955551003", { type: "text", body: "Quero cancelar o boleto" });

    // Another workspace, with the same words.
    otherWs = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: otherWs, name: "Outra empresa" });
    await createChannel({
      ctx: systemContext(otherWs, "test"),
      deps: t.papo.deps,
      input: { name: "Outra", phoneNumberId: "8200000001", wabaId: "82000", accessToken: "EAAoutra" },
    });
    ids.foreign = await ingestOn(otherWs, "8200000001", "5511955551001", { type: "text", body: "nao recebi o boleto" });
    otherAdmin = await t.addUser({ workspaceId: otherWs, email: "admin-outra@outra.test", role: "admin" });
  }, 180_000);
  afterAll(async () => t?.close());

  run("when a word is searched in another case or with accents, the message written without them is found", async () => {
    expect(await messageIds("Não")).toEqual([ids.nao]);
    expect(await messageIds("NAO RECEBI")).toEqual([ids.nao]);
    const answer = await searchAs(t.token, { q: "não", type: "messages" });
    const hit = answer.body.messages?.data[0];
    expect(hit?.conversationId).toBe(conversation.ana);
    expect(hit?.contactName).toBe("Ana Conceição");
    expect(hit?.snippet.text).toBe("nao recebi o boleto");
    expect(hit?.snippet.highlights.map((h) => hit.snippet.text.slice(h.start, h.end))).toEqual(["nao"]);
  });

  run("when a plural is searched, the singular is found too (stems), and formatting characters are ignored", async () => {
    expect(await messageIds("pagamentos")).toEqual([ids.pagamentos, ids.both].sort());
    expect(await messageIds("pagamento")).toEqual([ids.pagamentos, ids.both].sort());
  });

  run("when two words are searched, only messages holding both are found (AND)", async () => {
    expect(await messageIds("pagamento boleto")).toEqual([ids.both]);
    expect(await messageIds("boleto")).toEqual([ids.nao, ids.both, ids.sales].sort());
  });

  run("when a document's file name or an outbound text holds the word, the message is found", async () => {
    expect(await messageIds("contrato")).toEqual([ids.contract]);
    expect(await messageIds("fatura")).toEqual([ids.reply]);
  });

  run("when results are newest first and paged, the cursor gives the rest without repeats", async () => {
    const first = await searchAs(t.token, { q: "boleto", type: "messages", limit: "2" });
    expect(first.body.messages?.data).toHaveLength(2);
    const cursor = first.body.messages?.nextCursor;
    expect(cursor).toBeTruthy();
    const second = await searchAs(t.token, { q: "boleto", type: "messages", limit: "2", cursor: cursor as string });
    const all = [...(first.body.messages?.data ?? []), ...(second.body.messages?.data ?? [])];
    expect(all.map((m) => m.id).sort()).toEqual([ids.nao, ids.both, ids.sales].sort());
    const times = all.map((m) => m.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(second.body.messages?.nextCursor).toBeNull();
  });

  run("when a contact's name prefix is typed, the contact is found; the last word as a prefix only", async () => {
    expect(await contactNames("conc")).toEqual(["Ana Conceição"]);
    expect(await contactNames("ANA CONCEI")).toEqual(["Ana Conceição"]);
    expect(await contactNames("li")).toEqual(["Bruno Lima"]);
    expect(await contactNames("an conceicao")).toEqual([]);
  });

  run("when a phone number is typed in any format, its contact is found", async () => {
    for (const typed of ["+55 11 95555-1001", "5511955551001", "(11) 95555-1001", "955551001", "1001"])
      expect(await contactNames(typed), typed).toEqual(["Ana Conceição"]);
  });

  run("when a contact's name, tags or e-mail change, the search follows", async () => {
    const created = await t.api<{ id: string }>("POST", "/api/v1/contacts", {
      name: "Carla Dias",
      phone: "+55 21 98888-7777",
      tags: ["Atacado"],
      attributes: { email: "Carla@Loja.com.br" },
    });
    expect(created.status).toBe(201);
    expect(await contactNames("carla@loja.com.br")).toEqual(["Carla Dias"]);
    expect(await contactNames("atacado")).toEqual(["Carla Dias"]);
    const renamed = await t.api("PATCH", `/api/v1/contacts/${created.body.id}`, { name: "Carolina Reis" });
    expect(renamed.status).toBe(200);
    expect(await contactNames("carla")).toEqual([]);
    expect(await contactNames("carol")).toEqual(["Carolina Reis"]);
    expect(await contactNames("7777")).toEqual(["Carolina Reis"]);
  });

  run("when another workspace holds the same words, its messages and contacts are never found, in either direction", async () => {
    expect(await messageIds("boleto")).not.toContain(ids.foreign);
    expect(await messageIds("boleto", otherAdmin.token)).toEqual([ids.foreign]);
    expect(await contactNames("ana", otherAdmin.token)).toEqual([]);
  });

  run("when an agent searches, messages of numbers they are not a member of are not found; a supervisor finds all", async () => {
    expect(await messageIds("boleto", agent.token)).toEqual([ids.nao, ids.both].sort());
    expect(await messageIds("cancelar", agent.token)).toEqual([]);
    expect(await contactNames("1003", agent.token)).toEqual([]);
    expect(await messageIds("boleto", supervisor.token)).toEqual([ids.nao, ids.both, ids.sales].sort());
    expect(await contactNames("1003", supervisor.token)).toEqual(["Cliente 1003"]);
  });

  run("when the query is empty, has no searchable word, or pages both kinds at once, the answer is a 400 naming the field", async () => {
    const empty = await searchAs(t.token, { q: "  " });
    expect([empty.status, empty.body.error.code]).toEqual([400, "request.invalid"]);
    const stop = await searchAs(t.token, { q: "de o", type: "messages" });
    expect([stop.status, stop.body.error.code, stop.body.error.details?.field]).toEqual([400, "search.query_empty", "q"]);
    const cursor = await searchAs(t.token, { q: "boleto", cursor: "abc" });
    expect([cursor.status, cursor.body.error.code]).toEqual([400, "search.cursor_needs_type"]);
    const forged = await searchAs(t.token, { q: "boleto", type: "messages", cursor: "abc" });
    expect([forged.status, forged.body.error.code]).toEqual([400, "request.invalid_cursor"]);
    const type = await searchAs(t.token, { q: "boleto", type: "notes" });
    expect([type.status, type.body.error.code]).toEqual([400, "request.invalid"]);
    const both = await search("boleto");
    expect(both.status).toBe(200);
    expect(both.body.messages?.data.length).toBeGreaterThan(0);
    expect(both.body.contacts).toEqual({ data: [], nextCursor: null });
  });

  run("when items were stored without terms (before search existed), the backfill indexes them and says it is done", async () => {
    const db = t.papo.deps.database.db;
    // Back to "before search": Bruno's messages and Ana's contact lose their terms and the backfill state is reset.
    await deleteSearchTerms(db, { workspaceId: ws, itemType: "message", itemIds: [ids.pagamentos, ids.both] });
    await deleteSearchTerms(db, { workspaceId: ws, itemType: "contact", itemIds: [anaContactId] });
    await db.delete(searchBackfill);
    expect(await messageIds("pagamentos")).toEqual([]);
    expect(await contactNames("conceicao")).toEqual([]);

    const backfill = startSearchBackfill({ db, cipher: t.papo.deps.cipher, log: pino({ level: "silent" }), batchSize: 2 });
    await backfill.done;
    const status = await searchBackfillStatus(db);
    expect(status.message.completedAt).toBeInstanceOf(Date);
    expect(status.contact.completedAt).toBeInstanceOf(Date);
    expect(status.message.indexed).toBe(2);
    expect(status.contact.indexed).toBe(1);
    expect(await messageIds("pagamentos")).toEqual([ids.pagamentos, ids.both].sort());
    expect(await contactNames("conceicao")).toEqual(["Ana Conceição"]);
    // Done is done: a second start indexes nothing more.
    await startSearchBackfill({ db, cipher: t.papo.deps.cipher, log: pino({ level: "silent" }) }).done;
    expect((await searchBackfillStatus(db)).message.indexed).toBe(2);
  });

  run("when an item's terms are deleted (erasure), it is no longer found", async () => {
    const db = t.papo.deps.database.db;
    const created = await t.api<{ id: string }>("POST", "/api/v1/contacts", { name: "Zuleica Apagável", waId: "5531977776666" });
    expect(await contactNames("zuleica")).toEqual(["Zuleica Apagável"]);
    await deleteSearchTerms(db, { workspaceId: ws, itemType: "contact", itemIds: [created.body.id] });
    expect(await contactNames("zuleica")).toEqual([]);
    expect(await messageIds("fatura")).toEqual([ids.reply]);
    await deleteSearchTerms(db, { workspaceId: ws, itemType: "message", itemIds: [ids.reply] });
    expect(await messageIds("fatura")).toEqual([]);
  });

  run("when the terms table is read directly, it holds no searched word in clear, and the same word differs per workspace", async () => {
    const db = t.papo.deps.database.db;
    const rows = await db.select({ workspaceId: searchTerms.workspaceId, term: searchTerms.term }).from(searchTerms);
    expect(rows.length).toBeGreaterThan(50);
    const plain = ["nao", "não", "boleto", "pagamento", "pagament", "contrato", "ana", "conceicao", "5511955551001", "1001", "atacado"];
    // Exact equality for every word; containment for the longer ones (a 43-character random HMAC contains a given
    // 3-letter string now and then, a given 6-letter one practically never).
    for (const row of rows)
      for (const word of plain) {
        expect(row.term === word, `${word} is a term`).toBe(false);
        if (word.length >= 6) expect(row.term.includes(word), `${word} in ${row.term}`).toBe(false);
      }
    const cipher = t.papo.deps.cipher;
    const here = searchTermKey(cipher, ws, { kind: "word", value: "boleto" });
    const there = searchTermKey(cipher, otherWs, { kind: "word", value: "boleto" });
    expect(here).not.toBe(there);
    expect(rows.some((r) => r.workspaceId === ws && r.term === here)).toBe(true);
    expect(rows.some((r) => r.workspaceId === otherWs && r.term === there)).toBe(true);
    expect(rows.some((r) => r.workspaceId === ws && r.term === there)).toBe(false);
  });

  run("when the conversation list is filtered by q, it keeps conversations whose contact or messages match", async () => {
    const list = async (q: string, token = t.token) =>
      (await t.apiAs<Page<{ id: string }>>(token, "GET", `/api/v1/conversations?${new URLSearchParams({ q })}`)).body.data
        .map((c) => c.id)
        .sort();
    expect(await list("conceição")).toEqual([conversation.ana]);
    expect(await list("contrato")).toEqual([conversation.ana]);
    expect(await list("955551002")).toEqual([conversation.bruno]);
    expect((await list("cancelar")).length).toBe(1);
    expect(await list("cancelar", agent.token)).toEqual([]);
  });
});
