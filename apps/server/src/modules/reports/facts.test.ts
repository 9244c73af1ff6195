import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import type { BusinessHours } from "../../db/schema/bot-settings.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import { recordConversationOpened, recordInboundMessage, recordOutboundMessage } from "./facts.ts";
import { foldReportEvents } from "./fold.ts";

type Page<T> = { data: T[] };
type ConversationDto = { id: string; contactId: string; channelId: string };
type MessageDto = { id: string; conversationId: string; status: string; createdAt: string };
type EventRow = { metric: string; dim: string; agent_id: string | null; count: number; total: number };

const weekdays = [{ start: "09:00", end: "18:00" }];
const SAO_PAULO_OFFICE: BusinessHours = {
  timezone: "America/Sao_Paulo",
  days: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] },
};

describe.each(DATABASE_KINDS)("report facts written as things happen (%s)", (kind) => {
  let t: TestPapo;
  let db: Db;
  let workspaceId: string;
  let adminId: string;
  const run = it.skipIf(!isAvailable(kind));
  let phone = 5511933300000 + Math.floor(Math.random() * 9000);
  const nextCustomer = () => String(++phone);

  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(db, query);
  const eventsOf = async (where: ReturnType<typeof sql>) =>
    (
      await rows<EventRow>(
        sql`select metric, dim, agent_id, sum(count)::int as count, sum(total)::float8 as total from report_events
            where workspace_id = ${workspaceId} and ${where} group by metric, dim, agent_id order by metric, dim`,
      )
    ).map((r) => ({ ...r, count: Number(r.count), total: Number(r.total) }));
  const conversationFacts = async (id: string) => {
    const [row] = await rows<Record<string, unknown>>(sql`select * from report_conversations where conversation_id = ${id}`);
    return row;
  };
  const durationsOf = (id: string) =>
    rows<{ kind: string; agent_id: string | null; seconds: number; business_seconds: number; at: Date | string }>(
      sql`select kind, agent_id, seconds, business_seconds, at from report_durations where conversation_id = ${id} order by id`,
    );
  const conversationOf = (from: string) =>
    eventually(async () => {
      const contacts = await t.api<Page<{ id: string; waId: string | null }>>("GET", "/api/v1/contacts?limit=200");
      const contact = contacts.body.data.find((c) => c.waId === from);
      if (!contact) return undefined;
      const list = await t.api<Page<ConversationDto>>("GET", `/api/v1/conversations?contactId=${contact.id}`);
      return list.body.data[0];
    }, `the conversation of ${from}`);
  const inboundCount = async (conversationId: string) =>
    Number(
      (
        await rows<{ n: number }>(
          sql`select count(*)::int as n from messages where conversation_id = ${conversationId} and direction = 'inbound'`,
        )
      )[0]?.n,
    );
  const reply = async (conversationId: string, body: string) => {
    const sent = await t.api<MessageDto>("POST", `/api/v1/conversations/${conversationId}/messages`, { type: "text", body });
    expect(sent.status).toBe(202);
    return sent.body;
  };
  /** Meta stamps statuses in whole seconds: from the second the message was queued in. */
  const wholeSecond = (at: Date | string) => new Date(Math.floor(new Date(at).getTime() / 1000) * 1000).toISOString();
  const statusEventsOf = (messageAt: Date) =>
    eventsOf(sql`metric like 'status.%' and agent_id = ${adminId} and at >= ${wholeSecond(messageAt)}::timestamptz`);

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    // No fold worker pass during the suite: these tests read report_events before a fold.
    t = await startTestPapo({ db: kind, env: { REPORTS_FOLD_INTERVAL_SECONDS: "1h" } });
    db = t.papo.deps.database.db;
    const me = (await t.api<{ id: string; workspaceId: string }>("GET", "/api/v1/auth/me")).body;
    workspaceId = me.workspaceId;
    adminId = me.id;
  }, 180_000);
  afterAll(async () => t?.close());

  run("a customer's conversation: opened, waits, is answered, resolved, reopened; redeliveries count once", async () => {
    t.sim.configure({ duplicateDeliveries: true });
    const from = nextCustomer();
    const first = t.sim.sendAsCustomer({ from, name: "Cliente", type: "text", text: "Oi, preciso de ajuda" });
    const conversation = await conversationOf(from);
    await t.sim.webhooksIdle();
    t.sim.configure({ duplicateDeliveries: false });
    expect(await inboundCount(conversation.id)).toBe(1);

    const [inbound] = await rows<{ created_at: Date | string }>(
      sql`select created_at from messages where conversation_id = ${conversation.id}`,
    );
    const inboundAt = new Date(inbound?.created_at ?? 0);
    expect(first.wamid).toBeTruthy();
    const opened = await conversationFacts(conversation.id);
    expect(opened).toMatchObject({ opened_by: "contact", channel_id: conversation.channelId, contact_id: conversation.contactId });
    expect(new Date(opened?.opened_at as string).getTime()).toBe(inboundAt.getTime());
    expect(new Date(opened?.waiting_since as string).getTime()).toBe(inboundAt.getTime());
    // Delivered twice by the simulator, stored and counted once.
    expect(
      await eventsOf(
        sql`metric = 'message.in' and at = ${inboundAt.toISOString()}::timestamptz and channel_id = ${conversation.channelId}`,
      ),
    ).toEqual([{ metric: "message.in", dim: "text", agent_id: null, count: 1, total: 0 }]);

    const answer = await reply(conversation.id, "Claro, como posso ajudar?");
    const answeredAt = new Date(answer.createdAt);
    const answered = await conversationFacts(conversation.id);
    expect(answered).toMatchObject({ waiting_since: null, first_responder_id: adminId, agent_messages: 1 });
    expect(new Date(answered?.first_response_at as string).getTime()).toBe(answeredAt.getTime());
    const waited = (answeredAt.getTime() - inboundAt.getTime()) / 1000;
    const durations = await durationsOf(conversation.id);
    expect(durations.map((d) => [d.kind, d.agent_id, Number(d.seconds), Number(d.business_seconds)])).toEqual([
      ["reply", adminId, waited, waited],
      ["first_response", adminId, waited, waited],
    ]);
    expect(
      await eventsOf(sql`metric like 'message.out%' and at = ${answeredAt.toISOString()}::timestamptz and agent_id = ${adminId}`),
    ).toEqual([
      { metric: "message.out", dim: "text", agent_id: adminId, count: 1, total: 0 },
      { metric: "message.out_by", dim: "agent", agent_id: adminId, count: 1, total: 0 },
    ]);

    // The simulator's sent, delivered and read: each step once.
    await eventually(async () => (await statusEventsOf(answeredAt)).length === 3 || undefined, "three status facts");
    await t.sim.webhooksIdle();
    expect(await statusEventsOf(answeredAt)).toEqual([
      { metric: "status.delivered", dim: "", agent_id: adminId, count: 1, total: 0 },
      { metric: "status.read", dim: "", agent_id: adminId, count: 1, total: 0 },
      { metric: "status.sent", dim: "", agent_id: adminId, count: 1, total: 0 },
    ]);

    // A second question and answer: a reply, not a first response.
    t.sim.sendAsCustomer({ from, type: "text", text: "E o prazo?" });
    await eventually(async () => (await inboundCount(conversation.id)) === 2 || undefined, "the second message");
    expect((await conversationFacts(conversation.id))?.waiting_since).not.toBeNull();
    await reply(conversation.id, "Amanhã.");
    expect((await durationsOf(conversation.id)).map((d) => d.kind)).toEqual(["reply", "first_response", "reply"]);

    // Assigned, resolved (by the assignee), reopened.
    expect((await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { assigneeId: adminId })).status).toBe(200);
    expect((await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { status: "resolved" })).status).toBe(200);
    const resolved = await conversationFacts(conversation.id);
    expect(resolved).toMatchObject({ assignee_id: adminId, resolved_by_id: adminId, resolutions: 1, waiting_since: null });
    const resolution = (await durationsOf(conversation.id)).at(-1);
    expect(resolution?.kind).toBe("resolution");
    expect(resolution?.agent_id).toBe(adminId);
    expect(Number(resolution?.seconds)).toBeCloseTo((new Date(resolved?.resolved_at as string).getTime() - inboundAt.getTime()) / 1000, 3);
    // Resolving an already resolved conversation changes nothing.
    await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { status: "resolved" });
    expect((await conversationFacts(conversation.id))?.resolutions).toBe(1);
    expect((await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { status: "open" })).status).toBe(200);
    expect(await conversationFacts(conversation.id)).toMatchObject({ resolved_at: null, resolutions: 1 });
    await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { status: "resolved" });
    expect((await conversationFacts(conversation.id))?.resolutions).toBe(2);
    const all = await durationsOf(conversation.id);
    expect(all.filter((d) => d.kind === "resolution")).toHaveLength(2);
    // Written with them: the admin's first and last handling duration of this conversation (what "handled" counts).
    const handled = await rows<{ agent_id: string; channel_id: string; first_at: Date | string; last_at: Date | string }>(
      sql`select agent_id, channel_id, first_at, last_at from report_handled where conversation_id = ${conversation.id}`,
    );
    const times = all.map((d) => new Date(d.at).getTime());
    expect(handled.map((h) => [h.agent_id, h.channel_id, new Date(h.first_at).getTime(), new Date(h.last_at).getTime()])).toEqual([
      [adminId, conversation.channelId, Math.min(...times), Math.max(...times)],
    ]);
  });

  run("a handoff makes the customer wait for a person; the agent's answer is a reply timed from the handoff", async () => {
    const from = nextCustomer();
    t.sim.sendAsCustomer({ from, type: "text", text: "Quero falar com alguém" });
    const conversation = await conversationOf(from);
    await reply(conversation.id, "Um momento");
    expect((await conversationFacts(conversation.id))?.waiting_since).toBeNull();

    const handedOff = await t.api("POST", `/api/v1/conversations/${conversation.id}/handoff`, {});
    expect(handedOff.status).toBe(200);
    const facts = await conversationFacts(conversation.id);
    expect(facts).toMatchObject({ handoff_reason: "agent_request", assignee_id: null });
    expect(facts?.waiting_since).not.toBeNull();
    expect(new Date(facts?.waiting_since as string).getTime()).toBe(new Date(facts?.handed_off_at as string).getTime());
    // A second handoff keeps the first one's time and records no second duration.
    await t.api("POST", `/api/v1/conversations/${conversation.id}/handoff`, { note: "de novo" });
    expect((await conversationFacts(conversation.id))?.handed_off_at).toEqual(facts?.handed_off_at);

    const answer = await reply(conversation.id, "Oi, aqui é a equipe");
    const durations = await durationsOf(conversation.id);
    expect(durations.map((d) => d.kind)).toEqual(["reply", "first_response", "handoff", "reply"]);
    const last = durations.at(-1);
    expect(Number(last?.seconds)).toBeCloseTo(
      (new Date(answer.createdAt).getTime() - new Date(facts?.handed_off_at as string).getTime()) / 1000,
      3,
    );
  });

  run("a person taking the conversation from the bot is a handoff (agent_request) that starts no wait", async () => {
    const from = nextCustomer();
    t.sim.sendAsCustomer({ from, type: "text", text: "Oi" });
    const conversation = await conversationOf(from);
    // What POST /conversations/:id/bot does (that route needs the number's bot switched on): the repository's update.
    await createConversationsRepo({ db }).update(workspaceId, conversation.id, { handledBy: "bot" });
    expect(await conversationFacts(conversation.id)).toMatchObject({ bot_handled: true, waiting_since: null, handed_off_at: null });

    const taken = await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { handledBy: "human", assigneeId: adminId });
    expect(taken.status).toBe(200);
    const facts = await conversationFacts(conversation.id);
    // The assignment in the same request survives the handoff; the agent is there already, so nobody waits.
    expect(facts).toMatchObject({ handoff_reason: "agent_request", assignee_id: adminId, waiting_since: null });
    expect(facts?.handed_off_at).not.toBeNull();
    expect((await durationsOf(conversation.id)).map((d) => d.kind)).toEqual(["handoff"]);
    // Already with people: saying so again is no second handoff.
    await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { handledBy: "human" });
    expect((await durationsOf(conversation.id)).map((d) => d.kind)).toEqual(["handoff"]);
  });

  run("failures count with their code: Meta's failed status and a send Meta refused", async () => {
    const from = nextCustomer();
    t.sim.sendAsCustomer({ from, type: "text", text: "Olá" });
    const conversation = await conversationOf(from);
    t.sim.addFaults([{ on: "send", code: 131026, times: 1, to: from, as: "status" }]);
    const viaStatus = await reply(conversation.id, "vai falhar no status");
    await eventually(
      async () => (await t.api<MessageDto>("GET", `/api/v1/messages/${viaStatus.id}`)).body.status === "failed" || undefined,
      "failed",
    );
    t.sim.addFaults([{ on: "send", code: 131026, times: 1, to: from, as: "response" }]);
    const viaResponse = await reply(conversation.id, "vai falhar na resposta");
    await eventually(
      async () => (await t.api<MessageDto>("GET", `/api/v1/messages/${viaResponse.id}`)).body.status === "failed" || undefined,
      "failed",
    );
    await t.sim.webhooksIdle();
    const failedFacts = () =>
      rows<{ dim: string }>(
        sql`select dim from report_events where workspace_id = ${workspaceId} and metric = 'status.failed' and channel_id = ${conversation.channelId}
            and at >= ${wholeSecond(viaStatus.createdAt)}::timestamptz order by id`,
      );
    const failed = await eventually(async () => {
      const found = await failedFacts();
      return found.length >= 2 && found;
    }, "two failure facts");
    expect(failed.map((f) => f.dim)).toEqual(["131026", "131026"]);
  });

  run("business seconds skip a São Paulo night and weekend", async () => {
    // The writers on their own, with chosen times: a wait from Friday 17:30 to Monday 09:15 (local, UTC−3).
    const ws = randomUUID();
    await db.insert(workspaces).values({ id: ws, name: "Horário comercial", businessHours: SAO_PAULO_OFFICE });
    const channelId = randomUUID();
    const conversationId = randomUUID();
    const agentId = randomUUID();
    await db.transaction(async (tx) => {
      const askedAt = new Date("2026-11-27T20:30:00Z");
      await recordConversationOpened(tx, {
        workspaceId: ws,
        conversationId,
        channelId,
        contactId: randomUUID(),
        at: askedAt,
        openedBy: "contact",
      });
      // Not a `conversations` row here, so the customer would not wait: set the wait as a human conversation's would be.
      await tx.execute(
        sql`update report_conversations set waiting_since = ${askedAt.toISOString()}::timestamptz where conversation_id = ${conversationId}`,
      );
      await recordInboundMessage(tx, { workspaceId: ws, conversationId, channelId, type: "text", at: new Date("2026-11-28T12:00:00Z") });
      await recordOutboundMessage(tx, {
        workspaceId: ws,
        conversationId,
        channelId,
        type: "text",
        at: new Date("2026-11-30T12:15:00Z"),
        senderKind: "agent",
        senderUserId: agentId,
        campaignId: null,
      });
    });
    const durations = await rows<{ kind: string; seconds: number; business_seconds: number }>(
      sql`select kind, seconds, business_seconds from report_durations where conversation_id = ${conversationId} order by id`,
    );
    const calendar = (Date.parse("2026-11-30T12:15:00Z") - Date.parse("2026-11-27T20:30:00Z")) / 1000;
    expect(durations.map((d) => [d.kind, Number(d.seconds), Number(d.business_seconds)])).toEqual([
      ["reply", calendar, 45 * 60],
      ["first_response", calendar, 45 * 60],
    ]);
    await db.delete(workspaces).where(sql`id = ${ws}`);
  });

  run("folding moves events into hour and day rollups once, for all agents and per agent", async () => {
    const ws = randomUUID();
    await db.insert(workspaces).values({ id: ws, name: "Dobra" });
    const channelId = randomUUID();
    const agentId = randomUUID();
    const conversationId = randomUUID();
    await recordConversationOpened(db, {
      workspaceId: ws,
      conversationId,
      channelId,
      contactId: randomUUID(),
      at: new Date(),
      openedBy: "contact",
    });
    for (const minute of ["10", "20", "59"])
      await recordInboundMessage(db, {
        workspaceId: ws,
        conversationId,
        channelId,
        type: "text",
        at: new Date(`2026-11-02T13:${minute}:00Z`),
      });
    await recordInboundMessage(db, { workspaceId: ws, conversationId, channelId, type: "image", at: new Date("2026-11-02T14:00:00Z") });
    await recordOutboundMessage(db, {
      workspaceId: ws,
      conversationId,
      channelId,
      type: "text",
      at: new Date("2026-11-02T13:30:00Z"),
      senderKind: "agent",
      senderUserId: agentId,
      campaignId: null,
    });
    while ((await foldReportEvents(db)) > 0) {
      // Other suites' events may be folded too; drain.
    }
    expect(Number((await rows<{ n: number }>(sql`select count(*)::int as n from report_events where workspace_id = ${ws}`))[0]?.n)).toBe(0);
    // Four rows per event: its UTC hour and its local day (the workspace's zone, São Paulo by default), each for all
    // agents and for its agent when it has one.
    const rollups = await rows<{
      metric: string;
      grain: string;
      period_start: Date | string;
      agent_id: string;
      dim: string;
      count: number;
    }>(
      sql`select metric, grain, period_start, agent_id, dim, count from report_rollups where workspace_id = ${ws}
          order by metric, grain, period_start, dim, agent_id`,
    );
    const ALL = "ffffffff-ffff-ffff-ffff-ffffffffffff";
    expect(rollups.map((r) => [r.metric, r.grain, new Date(r.period_start).toISOString(), r.agent_id, r.dim, Number(r.count)])).toEqual([
      ["message.in", "day", "2026-11-02T03:00:00.000Z", ALL, "image", 1],
      ["message.in", "day", "2026-11-02T03:00:00.000Z", ALL, "text", 3],
      ["message.in", "hour", "2026-11-02T13:00:00.000Z", ALL, "text", 3],
      ["message.in", "hour", "2026-11-02T14:00:00.000Z", ALL, "image", 1],
      ["message.out", "day", "2026-11-02T03:00:00.000Z", agentId, "text", 1],
      ["message.out", "day", "2026-11-02T03:00:00.000Z", ALL, "text", 1],
      ["message.out", "hour", "2026-11-02T13:00:00.000Z", agentId, "text", 1],
      ["message.out", "hour", "2026-11-02T13:00:00.000Z", ALL, "text", 1],
      ["message.out_by", "day", "2026-11-02T03:00:00.000Z", agentId, "agent", 1],
      ["message.out_by", "day", "2026-11-02T03:00:00.000Z", ALL, "agent", 1],
      ["message.out_by", "hour", "2026-11-02T13:00:00.000Z", agentId, "agent", 1],
      ["message.out_by", "hour", "2026-11-02T13:00:00.000Z", ALL, "agent", 1],
    ]);
    // A second event in a folded hour adds to its row.
    await recordInboundMessage(db, { workspaceId: ws, conversationId, channelId, type: "text", at: new Date("2026-11-02T13:45:00Z") });
    while ((await foldReportEvents(db)) > 0) {
      // drain
    }
    const [hour] = await rows<{ count: number }>(
      sql`select count from report_rollups where workspace_id = ${ws} and metric = 'message.in' and dim = 'text' and grain = 'hour'`,
    );
    expect(Number(hour?.count)).toBe(4);
    await db.delete(workspaces).where(sql`id = ${ws}`);
  });
});
