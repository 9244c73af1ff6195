import { randomUUID } from "node:crypto";
import { createManualClock } from "@papo/meta-sim";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations } from "../../db/schema/conversations.ts";
import { isAvailable, TEST_DATABASE_URL } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { instantToLocal } from "../scheduling/local-time.ts";

/**
 * THE acceptance test of the reports (issue 8): a known day of service is played through the simulator and the API
 * with one manual clock shared by Papo and Meta, so every time is chosen, and every report must give the exact
 * numbers docs/metrics.md defines. Times (America/Sao_Paulo is UTC−3, no daylight saving in 2026):
 *
 *  02:30Z (Mon 2 Mar 23:30 local)  customer A writes            → opened on Monday locally, Tuesday in UTC
 *  12:00Z (Tue 09:00)  customer B writes
 *  12:10Z  Ana answers A   first response 34,800 s; in business hours (Mon–Fri 09–18) 600 s
 *  12:20Z  Ana answers B   first response 1,200 s (all in business hours)
 *  13:00Z  customer C writes; 13:05Z Ana answers, Meta fails it with 131026   first response 300 s
 *  14:00Z  Ana resolves A  (the conversations repository stamps a resolution with the wall clock, not the injectable
 *          one: the resolution is asserted against the time stored, 41,400 s if it ever follows the clock)
 *  15:00Z  the bot is on; customer D asks for a person → handoff
 *  16:00Z  Ana sends B the authentication template codigo_verificacao: billable, BR, USD 0.0068 by the default table
 *
 * Heavy: registered for one database (PostgreSQL when TEST_DATABASE_URL is set, else PGlite).
 */
const kind = TEST_DATABASE_URL ? "postgres" : "pglite";

const at = (iso: string) => Date.parse(iso);
const A = "5511955552001";
const B = "5511955552002";
const C = "5511955552003";
const D = "5511955552004";
const RANGE = "from=2026-03-02&to=2026-03-03&timeZone=America/Sao_Paulo";
const WEEKDAY = [{ start: "09:00", end: "18:00" }];

interface Stat {
  count: number;
  median: number | null;
  p90: number | null;
  average: number | null;
}

describe(`reports over a known history (${kind})`, () => {
  const run = it.skipIf(!isAvailable(kind));
  const clock = createManualClock(at("2026-03-03T02:00:00Z"));
  let t: TestPapo;
  let ana: { id: string; token: string };
  let channelId: string;
  const conversationOf: Record<string, string> = {};
  let handoffReason: string;
  /** When A's resolution was stored, and the local day it falls on (resolutions count on the day they happen). */
  let resolvedAt: Date;
  let onResolutionDay: string;

  const as = <T>(token: string, method: string, path: string, body?: unknown) => t.apiAs<T>(token, method, path, body);
  const get = async <T>(path: string): Promise<T> => {
    const answer = await t.api<T>("GET", path);
    if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  const customerWrites = async (waId: string, text: string) => {
    t.sim.sendAsCustomer({ from: waId, name: `Cliente ${waId.slice(-1)}`, type: "text", text });
    conversationOf[waId] = await eventually(async () => {
      const list = await t.api<{ data: Array<{ id: string; contact: { waId: string } | null }> }>("GET", "/api/v1/conversations");
      return list.body.data.find((c) => c.contact?.waId === waId)?.id;
    }, `the conversation of ${waId}`);
    await t.sim.webhooksIdle();
  };

  /** Ana sends a message and it reaches its last status (read, or failed) before the clock moves on. */
  const anaSends = async (waId: string, message: Record<string, unknown>, last: "read" | "failed") => {
    const conversationId = conversationOf[waId];
    const sent = await as<{ id: string }>(ana.token, "POST", `/api/v1/conversations/${conversationId}/messages`, message);
    expect(sent.status).toBe(202);
    await eventually(async () => {
      const m = await t.api<{ status: string }>("GET", `/api/v1/messages/${sent.body.id}`);
      return m.body.status === last;
    }, `message to ${waId} ${last}`);
  };

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    const papoClock = { now: () => new Date(clock.now()) };
    t = await startTestPapo({
      db: kind,
      env: { ACCESS_TOKEN_TTL: "24h" },
      start: { clock: papoClock, sandboxSim: { clock } },
    });
    channelId = t.papo.sandbox?.channel.id ?? "";
    const email = `ana-${randomUUID().slice(0, 8)}@papo.test`;
    const password = "uma-senha-bem-forte-de-teste";
    const created = await t.api<{ id: string }>("POST", "/api/v1/users", { name: "Ana", email, role: "agent", password });
    const login = await t.api<{ token: string }>("POST", "/api/v1/auth/login", { email, password });
    ana = { id: created.body.id, token: login.body.token };
    await t.api("PUT", `/api/v1/channels/${channelId}/members`, { userIds: [ana.id] });
    const hours = await t.api("PATCH", "/api/v1/workspace/settings", {
      timeZone: "America/Sao_Paulo",
      businessHours: {
        timezone: "America/Sao_Paulo",
        days: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [], sun: [] },
      },
    });
    expect(hours.status).toBe(200);

    clock.set(at("2026-03-03T02:30:00Z"));
    await customerWrites(A, "Oi, meu pedido não chegou");
    clock.set(at("2026-03-03T12:00:00Z"));
    await customerWrites(B, "Bom dia, quero trocar um produto");

    clock.set(at("2026-03-03T12:10:00Z"));
    await t.api("PATCH", `/api/v1/conversations/${conversationOf[A]}`, { assigneeId: ana.id });
    await anaSends(A, { type: "text", body: "Vou verificar o seu pedido." }, "read");
    clock.set(at("2026-03-03T12:20:00Z"));
    await t.api("PATCH", `/api/v1/conversations/${conversationOf[B]}`, { assigneeId: ana.id });
    await anaSends(B, { type: "text", body: "Claro, qual produto?" }, "read");

    clock.set(at("2026-03-03T13:00:00Z"));
    await customerWrites(C, "Vocês abrem sábado?");
    clock.set(at("2026-03-03T13:05:00Z"));
    await t.api("PATCH", `/api/v1/conversations/${conversationOf[C]}`, { assigneeId: ana.id });
    t.sim.setFaults([{ on: "send", code: 131026, times: 1, to: `+${C}`, as: "status" }]);
    await anaSends(C, { type: "text", body: "Abrimos das 9h às 13h." }, "failed");

    clock.set(at("2026-03-03T14:00:00Z"));
    expect((await as(ana.token, "PATCH", `/api/v1/conversations/${conversationOf[A]}`, { status: "resolved" })).status).toBe(200);
    const [stored] = await t.papo.deps.database.db
      .select({ resolvedAt: conversations.resolvedAt })
      .from(conversations)
      .where(eq(conversations.id, conversationOf[A] ?? ""));
    if (!stored?.resolvedAt) throw new Error("A was not resolved");
    resolvedAt = stored.resolvedAt;
    const resolutionDay = instantToLocal(resolvedAt, "America/Sao_Paulo").slice(0, 10);
    onResolutionDay = `from=${resolutionDay}&to=${resolutionDay}&timeZone=America/Sao_Paulo`;

    clock.set(at("2026-03-03T15:00:00Z"));
    const bot = await t.api("PUT", `/api/v1/channels/${channelId}/bot`, {
      mode: "bot_first",
      confidenceThreshold: 0.5,
      negativeSentimentThreshold: 0.5,
      humanOnlyTopics: [],
      businessHours: null,
      outsideHoursReply: { pt: "Fora do horário", en: "Outside hours", es: "Fuera de horario" },
      handoffReply: { pt: "Vou chamar uma pessoa da equipe.", en: "Transferring", es: "Transfiriendo" },
    });
    expect(bot.status).toBe(200);
    await customerWrites(D, "Quero falar com um atendente humano, por favor");
    handoffReason = await eventually(async () => {
      const handoffs = await t.api<{ data?: Array<{ reason: string }>; handoffs?: Array<{ reason: string }> }>(
        "GET",
        `/api/v1/conversations/${conversationOf[D]}/handoffs`,
      );
      return (handoffs.body.data ?? handoffs.body.handoffs)?.[0]?.reason;
    }, "the bot's handoff");
    await t.sim.webhooksIdle();

    clock.set(at("2026-03-03T16:00:00Z"));
    await anaSends(
      B,
      {
        type: "template",
        name: "codigo_verificacao",
        language: "pt_BR",
        components: [
          { type: "body", parameters: ["482913"] },
          { type: "button", subType: "url", index: 0, text: "482913" },
        ],
      },
      "read",
    );
    clock.set(at("2026-03-03T17:00:00Z"));
  }, 180_000);
  afterAll(async () => t?.close());

  run("volume: the 02:30Z message opens a conversation on the previous local day", async () => {
    const local = await get<{
      totals: Record<string, number | null>;
      series: Array<{ bucket: string; conversationsOpened: number; conversationsResolved: number; messagesIn: number | null }>;
      messagesOutBySender: Record<string, number> | null;
    }>(`/api/v1/reports/volume?${RANGE}`);
    expect(local.series.map((s) => [s.bucket, s.conversationsOpened, s.messagesIn])).toEqual([
      ["2026-03-02", 1, 1],
      ["2026-03-03", 3, 3],
    ]);
    expect(local.totals.conversationsOpened).toBe(4);
    expect(local.messagesOutBySender?.agent).toBe(4);

    const utc = await get<{ series: Array<{ bucket: string; conversationsOpened: number }> }>(
      "/api/v1/reports/volume?from=2026-03-02&to=2026-03-03&timeZone=UTC",
    );
    expect(utc.series.map((s) => [s.bucket, s.conversationsOpened])).toEqual([
      ["2026-03-02", 0],
      ["2026-03-03", 4],
    ]);

    const resolved = await get<{ totals: { conversationsResolved: number } }>(`/api/v1/reports/volume?${onResolutionDay}`);
    expect(resolved.totals.conversationsResolved).toBe(1);
  });

  run("speed: first response and resolution, in calendar time and in business hours", async () => {
    const calendar = await get<{ firstResponse: Stat; resolution: Stat }>(`/api/v1/reports/speed?${RANGE}&agentId=${ana.id}`);
    expect(calendar.firstResponse).toEqual({ count: 3, median: 1200, p90: 28080, average: 12100 });
    const business = await get<{ firstResponse: Stat; resolution: Stat }>(
      `/api/v1/reports/speed?${RANGE}&agentId=${ana.id}&businessHours=true`,
    );
    expect(business.firstResponse).toEqual({ count: 3, median: 600, p90: 1080, average: 700 });
  });

  run("speed: resolution time, from the opening to the resolution stored", async () => {
    const seconds = (resolvedAt.getTime() - at("2026-03-03T02:30:00Z")) / 1000;
    const speed = await get<{ resolution: Stat }>(`/api/v1/reports/speed?${onResolutionDay}&agentId=${ana.id}`);
    expect(speed.resolution).toEqual({ count: 1, median: seconds, p90: seconds, average: seconds });
  });

  run("delivery: Ana's messages sent, delivered, read, and the one Meta failed with 131026", async () => {
    const delivery = await get<{
      totals: { sent: number; delivered: number; read: number; failed: number };
      failuresByCode: Array<{ code: string; count: number }>;
      byTemplate: Array<{ template: string; sent: number }>;
    }>(`/api/v1/reports/delivery?${RANGE}&agentId=${ana.id}`);
    expect(delivery.totals).toMatchObject({ sent: 3, delivered: 3, read: 3, failed: 1 });
    expect(delivery.failuresByCode).toEqual([{ code: "131026", count: 1 }]);
    expect(delivery.byTemplate.map((row) => [row.template, row.sent])).toEqual([["codigo_verificacao", 1]]);
  });

  run("bot: D handled by the bot and handed off at once, for the reason the handoff recorded", async () => {
    expect(handoffReason).toBe("customer_request");
    const bot = await get<{
      conversationsHandled: number;
      contained: number;
      containmentRate: number | null;
      handedOff: number;
      handoffsByReason: Array<{ reason: string; count: number }>;
      timeToHandoff: Stat;
      series: Array<{ bucket: string; handled: number; contained: number; handedOff: number }>;
    }>(`/api/v1/reports/bot?${RANGE}`);
    expect(bot).toMatchObject({ conversationsHandled: 1, contained: 0, containmentRate: 0, handedOff: 1 });
    expect(bot.handoffsByReason).toEqual([{ reason: "customer_request", count: 1 }]);
    // The clock stood still at 15:00Z while D's message was handled: the handoff took no time.
    expect(bot.timeToHandoff).toEqual({ count: 1, median: 0, p90: 0, average: 0 });
    expect(bot.series.map((s) => [s.bucket, s.handled, s.contained, s.handedOff])).toEqual([
      ["2026-03-02", 0, 0, 0],
      ["2026-03-03", 1, 0, 1],
    ]);
  });

  run("cost: the authentication template is the one billable message, at the default BR price", async () => {
    const cost = await get<{
      totals: { billable: number; estimatedCost: number };
      byCategory: Array<{ category: string; billable: number; estimatedCost: number }>;
      byCountry: Array<{ country: string; billable: number; estimatedCost: number }>;
    }>(`/api/v1/reports/cost?${RANGE}`);
    expect(cost.totals).toEqual({ billable: 1, estimatedCost: 0.0068 });
    expect(cost.byCategory).toEqual([{ category: "authentication", billable: 1, estimatedCost: 0.0068 }]);
    expect(cost.byCountry).toEqual([{ country: "BR", billable: 1, estimatedCost: 0.0068 }]);
  });

  run("drill-down: the conversations behind Monday's and the whole range's 'opened'", async () => {
    const monday = await get<{ items: Array<{ conversationId: string; openedAt: string }> }>(
      "/api/v1/reports/conversations?metric=opened&from=2026-03-02&to=2026-03-02&timeZone=America/Sao_Paulo",
    );
    expect(monday.items.map((i) => [i.conversationId, i.openedAt])).toEqual([[conversationOf[A], "2026-03-03T02:30:00.000Z"]]);
    const all = await get<{ items: Array<{ conversationId: string }> }>(`/api/v1/reports/conversations?metric=opened&${RANGE}`);
    expect(all.items.map((i) => i.conversationId).sort()).toEqual([A, B, C, D].map((waId) => conversationOf[waId]).sort());
    const resolved = await get<{ items: Array<{ conversationId: string; seconds: number | null }> }>(
      `/api/v1/reports/conversations?metric=resolution&${onResolutionDay}`,
    );
    expect(resolved.items.map((i) => [i.conversationId, i.seconds])).toEqual([
      [conversationOf[A], (resolvedAt.getTime() - at("2026-03-03T02:30:00Z")) / 1000],
    ]);
  });

  run("an agent's own report is the same as the agent filter", async () => {
    const own = await as<{ firstResponse: Stat }>(ana.token, "GET", `/api/v1/reports/speed?${RANGE}`);
    expect(own.body.firstResponse).toEqual({ count: 3, median: 1200, p90: 28080, average: 12100 });
    const agents = await as<{ agents: Array<{ userId: string; messagesSent: number | null; firstResponse: Stat }> }>(
      ana.token,
      "GET",
      `/api/v1/reports/agents?${RANGE}`,
    );
    expect(agents.body.agents.map((a) => [a.userId, a.messagesSent, a.firstResponse])).toEqual([
      [ana.id, 4, { count: 3, median: 1200, p90: 28080, average: 12100 }],
    ]);
  });
});
