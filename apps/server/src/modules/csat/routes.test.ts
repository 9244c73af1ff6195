import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/raw.ts";
import type { UserRole } from "../../db/schema/users.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type ErrorBody = { error: { code: string; message: string } };
type Csat = { id: string; conversationId: string; score: number; comment: string | null; at: string };
type Page<T> = { data: T[]; nextCursor: string | null };
type Conversation = { id: string; contactId: string; channelId: string };

describe.each(DATABASE_KINDS)("CSAT (%s)", (kind) => {
  let t: TestPapo;
  let workspaceId: string;
  let ana: { id: string; token: string };
  let bruno: { id: string; token: string };
  let outsider: { id: string; token: string };
  const run = it.skipIf(!isAvailable(kind));

  const addUser = (ws: string, email: string, role: UserRole) => t.addUser({ workspaceId: ws, email, role });
  const csatPath = (id: string) => `/api/v1/conversations/${id}/csat`;
  /** A conversation of its own: a customer writes to the sandbox number. */
  const newConversation = async (from: string): Promise<Conversation> => {
    t.sim.sendAsCustomer({ from, name: `Cliente ${from.slice(-4)}`, type: "text", text: "Oi" });
    return eventually(async () => {
      const list = await t.api<Page<Conversation & { contact?: { waId?: string } }>>("GET", "/api/v1/conversations?limit=100");
      const contacts = await t.api<Page<{ id: string; waId: string | null }>>("GET", "/api/v1/contacts?limit=100");
      const contact = contacts.body.data.find((c) => c.waId === from);
      return contact && list.body.data.find((c) => c.contactId === contact.id);
    }, `the conversation of ${from}`);
  };

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    // No fold worker pass during the suite: the test reads report_events before a fold.
    t = await startTestPapo({ db: kind, env: { REPORTS_FOLD_INTERVAL_SECONDS: "1h" } });
    workspaceId = (await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me")).body.workspaceId;
    ana = await addUser(workspaceId, "ana@papo.test", "agent");
    bruno = await addUser(workspaceId, "bruno@papo.test", "agent");
    const otherWorkspace = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: otherWorkspace, name: "Outra empresa" });
    outsider = await addUser(otherWorkspace, "admin@outra.test", "admin");
  });
  afterAll(async () => t?.close());

  run("a score is stored with the number and assignee, listed newest first, and written to the report facts", async () => {
    const conversation = await newConversation("5511977770001");
    const first = await t.api<Csat>("POST", csatPath(conversation.id), { score: 3 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ conversationId: conversation.id, score: 3, comment: null });

    expect((await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { assigneeId: ana.id })).status).toBe(200);
    const second = await t.api<Csat>("POST", csatPath(conversation.id), { score: 5, comment: "  Ótimo atendimento!  " });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ conversationId: conversation.id, score: 5, comment: "Ótimo atendimento!" });

    const listed = await t.api<{ items: Csat[] }>("GET", csatPath(conversation.id));
    expect(listed.body.items).toEqual([second.body, first.body]);

    const rows = await queryRows<{ id: string; score: number; agent_id: string | null; channel_id: string; source: string }>(
      t.papo.deps.database.db,
      sql`select id, score, agent_id, channel_id, source from csat_responses where conversation_id = ${conversation.id} order by score`,
    );
    expect(rows).toEqual([
      { id: first.body.id, score: 3, agent_id: null, channel_id: conversation.channelId, source: "api" },
      { id: second.body.id, score: 5, agent_id: ana.id, channel_id: conversation.channelId, source: "api" },
    ]);
    const facts = await queryRows<{ dim: string; agent_id: string | null; count: number; total: number }>(
      t.papo.deps.database.db,
      sql`select dim, agent_id, count, total from report_events
          where workspace_id = ${workspaceId} and metric = 'csat' and at in (${new Date(first.body.at)}, ${new Date(second.body.at)}) order by dim`,
    );
    expect(facts.map((f) => ({ ...f, count: Number(f.count), total: Number(f.total) }))).toEqual([
      { dim: "3", agent_id: null, count: 1, total: 3 },
      { dim: "5", agent_id: ana.id, count: 1, total: 5 },
    ]);
  });

  run("the comment is ciphertext at rest, bound to csat_responses:comment_enc:<id>", async () => {
    const conversation = await newConversation("5511977770002");
    const created = await t.api<Csat>("POST", csatPath(conversation.id), { score: 1, comment: "Demorou demais, CPF 123.456.789-00" });
    const [row] = await queryRows<{ comment_enc: string }>(
      t.papo.deps.database.db,
      sql`select comment_enc from csat_responses where id = ${created.body.id}`,
    );
    expect(row?.comment_enc.startsWith("pe1:")).toBe(true);
    expect(row?.comment_enc).not.toContain("Demorou");
    expect(row?.comment_enc).not.toContain("123.456");
    const place = { workspaceId, table: "csat_responses", column: "comment_enc", rowId: created.body.id };
    expect(t.papo.deps.cipher.decrypt(place, row?.comment_enc ?? "")).toBe("Demorou demais, CPF 123.456.789-00");
    expect(() => t.papo.deps.cipher.decrypt({ ...place, rowId: randomUUID() }, row?.comment_enc ?? "")).toThrow();
  });

  run("bad input is a 400 naming the field", async () => {
    const conversation = await newConversation("5511977770003");
    for (const [body, field] of [
      [{ score: 0 }, "body.score"],
      [{ score: 6 }, "body.score"],
      [{ score: 3.5 }, "body.score"],
      [{}, "body.score"],
      [{ score: 4, comment: "x".repeat(1001) }, "body.comment"],
    ] as const) {
      const response = await t.api<ErrorBody>("POST", csatPath(conversation.id), body);
      expect([response.status, response.body.error.code], field).toEqual([400, "request.invalid"]);
      expect(response.body.error.message).toContain(field);
    }
    expect((await t.api<{ items: Csat[] }>("GET", csatPath(conversation.id))).body.items).toEqual([]);
    const unknown = await t.api<ErrorBody>("POST", csatPath(randomUUID()), { score: 4 });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "conversations.not_found"]);
  });

  run(
    "agents cannot record scores (not even for their own service); they read those of their conversations; another workspace gets 404",
    async () => {
      const conversation = await newConversation("5511977770004");
      await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { assigneeId: bruno.id });
      const ownRating = await t.apiAs<ErrorBody>(bruno.token, "POST", csatPath(conversation.id), { score: 5 });
      expect([ownRating.status, ownRating.body.error.code]).toEqual([403, "auth.forbidden"]);
      const recorded = await t.api<Csat>("POST", csatPath(conversation.id), { score: 2 });
      expect([recorded.status, recorded.body.score]).toEqual([201, 2]);
      expect((await t.apiAs<{ items: Csat[] }>(bruno.token, "GET", csatPath(conversation.id))).body.items.map((i) => i.score)).toEqual([2]);
      // Out of scope: an agent of another number, and another workspace.
      expect((await t.apiAs(ana.token, "GET", csatPath(conversation.id))).status).toBe(404);
      const foreign = await t.apiAs<ErrorBody>(outsider.token, "POST", csatPath(conversation.id), { score: 2 });
      expect([foreign.status, foreign.body.error.code]).toEqual([404, "conversations.not_found"]);
    },
  );

  run("the contact's export carries the comments, and erasing the contact deletes them but keeps the scores", async () => {
    const conversation = await newConversation("5511977770005");
    const created = await t.api<Csat>("POST", csatPath(conversation.id), { score: 4, comment: "Gostei da Ana" });

    const response = await fetch(`${t.papo.url}/api/v1/contacts/${conversation.contactId}/export`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(response.status).toBe(200);
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const exported = JSON.parse(strFromU8(entries["csat.json"] ?? new Uint8Array())) as Csat[];
    expect(exported).toEqual([created.body]);

    const erased = await t.api("POST", `/api/v1/contacts/${conversation.contactId}/erase`, { confirm: "APAGAR" });
    expect(erased.status).toBe(200);
    const [row] = await queryRows<{ comment_enc: string | null; score: number }>(
      t.papo.deps.database.db,
      sql`select comment_enc, score from csat_responses where id = ${created.body.id}`,
    );
    expect(row).toEqual({ comment_enc: null, score: 4 });
    expect((await t.api<{ items: Csat[] }>("GET", csatPath(conversation.id))).body.items).toEqual([{ ...created.body, comment: null }]);
  });
});
