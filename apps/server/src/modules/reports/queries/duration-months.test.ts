import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../../db/raw.ts";
import { teamMembers, teams } from "../../../db/schema/teams.ts";
import { DATABASE_KINDS, isAvailable } from "../../../testing/databases.test-utils.ts";
import type { ReportContext } from "../context.ts";
import { ACCURACY } from "../duration-histogram.ts";
import { agentsReport as agentsReportSchema, speedReport as speedReportSchema, teamsReport as teamsReportSchema } from "../schemas.ts";
import { agentsReport as agentsReportOf } from "./agents.ts";
import { closedMonthsOf, sumClosedMonths, usesMonthHistograms, usesPersonMonthHistograms } from "./duration-months.ts";
import { type DurationStat, durationConditions, durationStats } from "./durations.ts";
import { newReportsWorkspace, openReportsTestDb, type ReportsTestDb } from "./report-facts.test-utils.ts";
import { speedReport } from "./speed.ts";
import { teamsReport as teamsReportOf } from "./teams.ts";

/* Long month series of the speed report, read from closed months' histograms (report_duration_months). */

const NOW = new Date("2026-06-15T15:00:00Z");
const KINDS = ["first_response", "reply", "resolution"] as const;

/** Deterministic durations, spread like answer times: seconds to hours. */
function* durationsBetween(startMs: number, endMs: number, count: number, seed: number) {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let i = 0; i < count; i++) {
    const seconds = Math.round(Math.exp(2 + 6 * random()) * 100) / 100;
    yield { at: new Date(startMs + random() * (endMs - startMs)), seconds, businessSeconds: Math.round(seconds * random() * 100) / 100 };
  }
}

function expectWithinAccuracy(approximate: DurationStat, exact: DurationStat, what: string) {
  expect(approximate.count, `${what}: count`).toBe(exact.count);
  if (exact.count === 0) return expect(approximate, what).toEqual(exact);
  expect(approximate.average ?? 0, `${what}: average`).toBeCloseTo(exact.average ?? 0, 6);
  for (const key of ["median", "p90"] as const) {
    const want = exact[key] ?? 0;
    const got = approximate[key] ?? 0;
    // Within 1% + half a second (bucket 0, under a second, reads as 0.5 s).
    expect(Math.abs(got - want), `${what}: ${key} ${got} vs ${want}`).toBeLessThanOrEqual(ACCURACY * want + 0.5 + 1e-9);
  }
}

describe.each(DATABASE_KINDS)("speed report from month histograms (%s)", (kind) => {
  let testDb: ReportsTestDb;
  const run = it.skipIf(!isAvailable(kind));
  let ws: Awaited<ReturnType<typeof newReportsWorkspace>>;
  /** When each first response written ended. */
  const firstResponsesAt: number[] = [];

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    testDb = await openReportsTestDb(kind);
    ws = await newReportsWorkspace(testDb.database);
    const sales = await ws.addConversation({ channelId: ws.salesChannel, openedAt: "2025-12-01T12:00:00Z" });
    const support = await ws.addConversation({ channelId: ws.supportChannel, openedAt: "2025-12-01T12:00:00Z" });
    const rows = [];
    let seed = 7;
    for (const k of KINDS) {
      for (const c of [sales, support]) {
        seed += 11;
        // From mid-December (a first month in part) to today (the current month, not closed).
        for (const d of durationsBetween(Date.parse("2025-12-10T00:00:00Z"), NOW.getTime() - 60_000, 700, seed)) {
          rows.push({
            kind: k,
            at: d.at.toISOString(),
            conversationId: c.id,
            channelId: c === sales ? ws.salesChannel : ws.supportChannel,
            seconds: d.seconds,
            businessSeconds: d.businessSeconds,
          });
        }
      }
    }
    // 02:30Z on 1 March is 23:30 of 28 February in São Paulo: February's, in the workspace's zone.
    rows.push({
      kind: "first_response" as const,
      at: "2026-03-01T02:30:00Z",
      conversationId: sales.id,
      channelId: ws.salesChannel,
      seconds: 123_456,
      businessSeconds: 1,
    });
    await ws.durations(rows);
    for (const row of rows) if (row.kind === "first_response") firstResponsesAt.push(Date.parse(row.at));
  }, 120_000);
  afterAll(async () => {
    await testDb?.close();
  });

  const context = (query: Parameters<typeof ws.context>[0]): Promise<ReportContext> => ws.context(query, NOW);

  /** The approximate report next to the exact statistics of the same context, bucket by bucket. */
  async function compare(ctx: ReportContext) {
    const report = speedReportSchema.parse(await speedReport(testDb.database.db, ctx));
    const exact = await durationStats(testDb.database.db, ctx, KINDS, "bucket");
    const names = { first_response: "firstResponse", reply: "reply", resolution: "resolution" } as const;
    for (const k of KINDS) {
      expectWithinAccuracy(report[names[k]], exact.totals.get(k) ?? { count: 0, median: null, p90: null, average: null }, `total ${k}`);
      for (const bucket of report.series) {
        const want = exact.byGroup.get(bucket.start)?.get(k) ?? { count: 0, median: null, p90: null, average: null };
        expectWithinAccuracy(bucket[names[k]], want, `${bucket.bucket} ${k}`);
      }
    }
    return report;
  }

  run("when a month series spans more than a quarter, closed months come from histograms, within 1% of the exact figures", async () => {
    const ctx = await context({ from: "2025-12-10", to: "2026-06-15", granularity: "month" });
    expect(usesMonthHistograms(ctx)).toBe(true);
    // December is in part, June is not over: January to May are read from histograms.
    expect(closedMonthsOf(ctx).map((m) => m.start.toISOString())).toEqual([
      "2026-01-01T03:00:00.000Z",
      "2026-02-01T03:00:00.000Z",
      "2026-03-01T03:00:00.000Z",
      "2026-04-01T03:00:00.000Z",
      "2026-05-01T03:00:00.000Z",
    ]);
    const report = await compare(ctx);
    expect(report.percentiles).toBe("approximate");
    expect(report.series.map((b) => b.bucket)).toEqual([
      "2025-12-01",
      "2026-01-01",
      "2026-02-01",
      "2026-03-01",
      "2026-04-01",
      "2026-05-01",
      "2026-06-01",
    ]);
    // February in São Paulo is [1 Feb 03:00Z, 1 Mar 03:00Z): the first response at 02:30Z on 1 March is February's.
    const inFebruary = firstResponsesAt.filter((at) => at >= Date.parse("2026-02-01T03:00:00Z") && at < Date.parse("2026-03-01T03:00:00Z"));
    expect(inFebruary).toContain(Date.parse("2026-03-01T02:30:00Z"));
    expect(report.series[2]?.firstResponse.count).toBe(inFebruary.length);
    const [stored] = await queryRows<{ months: number | string }>(
      testDb.database.db,
      sql`select count(distinct month_start) as months from report_duration_months where workspace_id = ${ws.workspaceId}::uuid`,
    );
    expect(Number(stored?.months)).toBe(5);
  });

  run("when asked again after a new duration today, the summed months are reused and today's duration counts", async () => {
    const ctx = await context({ from: "2025-12-10", to: "2026-06-15", granularity: "month" });
    const before = await speedReport(testDb.database.db, ctx);
    const conversation = await ws.addConversation({ channelId: ws.salesChannel, openedAt: "2026-06-15T12:00:00Z" });
    await ws.durations([
      {
        kind: "reply",
        at: "2026-06-15T14:00:00Z",
        conversationId: conversation.id,
        channelId: ws.salesChannel,
        seconds: 60,
        businessSeconds: 60,
      },
    ]);
    const after = await compare(ctx);
    expect(after.reply.count).toBe(before.reply.count + 1);
    expect(after.series[6]?.reply.count).toBe((before.series[6]?.reply.count ?? 0) + 1);
  });

  run("when filtered by a channel or counted in business hours, the histograms give the same figures as the sort", async () => {
    await compare(await context({ from: "2025-12-10", to: "2026-06-15", granularity: "month", channelId: ws.supportChannel }));
    await compare(await context({ from: "2025-12-10", to: "2026-06-15", granularity: "month", businessHours: "true" }));
  });

  run("when asked in another zone, that zone's months are summed apart and its month edges hold, summer time too", async () => {
    for (const timeZone of ["Asia/Tokyo", "Europe/Lisbon"]) {
      const ctx = await context({ from: "2025-12-10", to: "2026-06-15", granularity: "month", timeZone });
      expect(usesMonthHistograms(ctx)).toBe(true);
      await compare(ctx);
    }
  });

  run("when the range is whole closed months, everything comes from histograms and nothing is read twice", async () => {
    const ctx = await context({ from: "2026-01-01", to: "2026-05-31", granularity: "month" });
    expect(closedMonthsOf(ctx)).toHaveLength(5);
    await compare(ctx);
  });

  run(
    "when the fold worker's hourly pass runs, closed months of the last year are summed in each workspace's zone before any ask",
    async () => {
      const fresh = await newReportsWorkspace(testDb.database, { timeZone: "Europe/Lisbon" });
      const conversation = await fresh.addConversation({ channelId: fresh.salesChannel, openedAt: "2026-03-01T12:00:00Z" });
      const at = (iso: string, seconds: number) => ({
        kind: "reply" as const,
        at: iso,
        conversationId: conversation.id,
        channelId: fresh.salesChannel,
        seconds,
        businessSeconds: seconds,
      });
      // 23:30 UTC on 31 March is 00:30 of 1 April in Lisbon (summer time): April's there. June is not over.
      await fresh.durations([at("2026-03-10T10:00:00Z", 30), at("2026-03-31T23:30:00Z", 60), at("2026-06-10T10:00:00Z", 90)]);
      expect(await sumClosedMonths(testDb.database.db, NOW)).toBeGreaterThanOrEqual(2);
      const rows = await queryRows<{ month: string; time_zone: string; count: number | string }>(
        testDb.database.db,
        sql`select extract(epoch from month_start)::text as month, time_zone, count from report_duration_months
          where workspace_id = ${fresh.workspaceId}::uuid and business = false order by month_start`,
      );
      expect(rows.map((r) => [new Date(Number(r.month) * 1000).toISOString(), r.time_zone, Number(r.count)])).toEqual([
        ["2026-03-01T00:00:00.000Z", "Europe/Lisbon", 1],
        ["2026-03-31T23:00:00.000Z", "Europe/Lisbon", 1],
      ]);
    },
  );

  run("when the series is by week, short, or filtered by an agent or a tag, the exact sort answers", async () => {
    const agent = await ws.addUser("Ana");
    for (const query of [
      { from: "2025-12-10", to: "2026-06-15", granularity: "week" as const },
      { from: "2026-04-01", to: "2026-06-15", granularity: "month" as const },
      { from: "2025-12-10", to: "2026-06-15", granularity: "month" as const, agentId: agent },
      { from: "2025-12-10", to: "2026-06-15", granularity: "month" as const, tag: "vip" },
    ]) {
      const ctx = await context(query);
      expect(usesMonthHistograms(ctx), JSON.stringify(query)).toBe(false);
      expect((await speedReport(testDb.database.db, ctx)).percentiles).toBe("exact");
    }
  });
});

describe.each(DATABASE_KINDS)("agents and teams reports from per-agent month histograms (%s)", (kind) => {
  let testDb: ReportsTestDb;
  const run = it.skipIf(!isAvailable(kind));
  let ws: Awaited<ReturnType<typeof newReportsWorkspace>>;
  let agents: { ana: string; bruno: string; carla: string };
  let teamIds: { support: string; sales: string };

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    testDb = await openReportsTestDb(kind);
    ws = await newReportsWorkspace(testDb.database);
    agents = { ana: await ws.addUser("Ana"), bruno: await ws.addUser("Bruno"), carla: await ws.addUser("Carla") };
    const team = async (name: string, members: string[]) => {
      const id = randomUUID();
      await testDb.database.db.insert(teams).values({ id, workspaceId: ws.workspaceId, name });
      await testDb.database.db.insert(teamMembers).values(members.map((userId) => ({ teamId: id, userId, workspaceId: ws.workspaceId })));
      return id;
    };
    // Ana is in both teams: her durations count in each, and once in Support alongside Bruno's.
    teamIds = { support: await team("Suporte", [agents.ana, agents.bruno]), sales: await team("Vendas", [agents.ana, agents.carla]) };
    const rows: Parameters<typeof ws.durations>[0] = [];
    let seed = 3;
    // 60 conversations a month or so, each answered by one or two agents, a few with durations in several months.
    const people = [agents.ana, agents.bruno, agents.carla, null];
    for (let c = 0; c < 120; c++) {
      const channelId = c % 3 === 0 ? ws.supportChannel : ws.salesChannel;
      const conversation = await ws.addConversation({ channelId, openedAt: "2025-12-01T12:00:00Z" });
      const span = c % 10 === 0 ? 120 * 86_400_000 : 3 * 86_400_000;
      const startMs = Date.parse("2025-12-05T00:00:00Z") + ((c * 97) % 180) * 86_400_000;
      seed += 13;
      let i = 0;
      for (const d of durationsBetween(startMs, Math.min(startMs + span, NOW.getTime() - 60_000), 12, seed)) {
        rows.push({
          kind: KINDS[i % 3] ?? "reply",
          at: d.at.toISOString(),
          conversationId: conversation.id,
          channelId,
          agentId: people[(c + (i % 2)) % people.length] ?? null,
          seconds: d.seconds,
          businessSeconds: d.businessSeconds,
        });
        i++;
      }
    }
    await ws.durations(rows);
  }, 120_000);
  afterAll(async () => {
    await testDb?.close();
  });

  const context = (query: Parameters<typeof ws.context>[0]): Promise<ReportContext> => ws.context(query, NOW);
  /** A 30-second reply of an agent in a sales conversation, ending at `at`. */
  const replyOf = (agentId: string, conversationId: string, at: string) => ({
    kind: "reply" as const,
    at,
    conversationId,
    channelId: ws.salesChannel,
    agentId,
    seconds: 30,
  });

  /** Conversations each agent or team handled in the context, counted distinct over every duration (the definition). */
  async function handledExactly(ctx: ReportContext, by: "agent" | "team"): Promise<Map<string, number>> {
    const rows = await queryRows<{ g: string; n: number | string }>(
      testDb.database.db,
      sql`select g::text as g, count(distinct conversation_id) as n from (
            select ${by === "agent" ? sql`d.agent_id` : sql`tm.team_id`} as g, d.conversation_id from report_durations d
            ${by === "team" ? sql`join team_members tm on tm.user_id = d.agent_id` : sql``}
            where ${durationConditions(ctx, KINDS)} and d.agent_id is not null
          ) pairs group by g`,
    );
    return new Map(rows.map((r) => [r.g, Number(r.n)]));
  }

  async function compare(ctx: ReportContext) {
    const agentsReport = agentsReportSchema.parse(await agentsReportOf(testDb.database.db, ctx));
    const teamsReport = teamsReportSchema.parse(await teamsReportOf(testDb.database.db, ctx));
    const names = { first_response: "firstResponse", reply: "reply", resolution: "resolution" } as const;
    for (const [by, rows] of [
      ["agent", agentsReport.agents.map((a) => ({ key: a.userId, ...a }))],
      ["team", teamsReport.teams.map((t) => ({ key: t.teamId, ...t }))],
    ] as const) {
      const exact = await durationStats(testDb.database.db, ctx, KINDS, by);
      const handled = await handledExactly(ctx, by);
      for (const row of rows) {
        expect(row.conversationsHandled, `${by} ${row.name} handled`).toBe(handled.get(row.key) ?? 0);
        for (const k of KINDS) {
          const want = exact.byGroup.get(row.key)?.get(k) ?? { count: 0, median: null, p90: null, average: null };
          expectWithinAccuracy(row[names[k]], want, `${by} ${row.name} ${k}`);
        }
      }
    }
    return { agentsReport, teamsReport };
  }

  run("when the range spans more than a quarter, each agent's and team's closed months come from histograms, within 1%", async () => {
    const ctx = await context({ from: "2025-12-10", to: "2026-06-15", granularity: "day" });
    expect(usesPersonMonthHistograms(ctx)).toBe(true);
    const { agentsReport, teamsReport } = await compare(ctx);
    expect(agentsReport.percentiles).toBe("approximate");
    expect(teamsReport.percentiles).toBe("approximate");
    // The fixture reaches every agent and team, so the comparison above compared real numbers.
    for (const a of agentsReport.agents) expect(a.firstResponse.count, a.name).toBeGreaterThan(0);
    for (const t of teamsReport.teams) expect(t.conversationsHandled, t.name).toBeGreaterThan(0);
  });

  run("when filtered by a channel, an agent, a team, or counted in business hours, the figures match the exact ones", async () => {
    for (const extra of [
      { channelId: ws.supportChannel },
      { agentId: agents.carla },
      { teamId: teamIds.support },
      { businessHours: "true" as const },
    ]) {
      const ctx = await context({ from: "2025-12-10", to: "2026-06-15", granularity: "month", ...extra });
      expect(usesPersonMonthHistograms(ctx), JSON.stringify(extra)).toBe(true);
      await compare(ctx);
    }
  });

  run("when the range is a quarter or less, or filtered by a tag, the exact sort answers, and handled counts agree", async () => {
    for (const query of [
      { from: "2026-04-01", to: "2026-06-15", granularity: "day" as const },
      { from: "2025-12-10", to: "2026-06-15", granularity: "month" as const, tag: "vip" },
    ]) {
      const ctx = await context(query);
      expect(usesPersonMonthHistograms(ctx), JSON.stringify(query)).toBe(false);
      const { agentsReport } = await compare(ctx);
      expect(agentsReport.percentiles).toBe("exact");
    }
  });

  run("when a conversation's first and last durations of an agent fall outside a range, only one inside counts it", async () => {
    const agent = await ws.addUser("Dora");
    const inside = await ws.addConversation({ channelId: ws.salesChannel, openedAt: "2026-01-01T12:00:00Z" });
    const around = await ws.addConversation({ channelId: ws.salesChannel, openedAt: "2026-01-01T12:00:00Z" });
    const reply = (conversationId: string, at: string) => replyOf(agent, conversationId, at);
    // Both began in January and ended in May; only `inside` had a reply in March.
    await ws.durations([
      reply(inside.id, "2026-01-05T12:00:00Z"),
      reply(inside.id, "2026-03-10T12:00:00Z"),
      reply(inside.id, "2026-05-20T12:00:00Z"),
      reply(around.id, "2026-01-05T12:00:00Z"),
      reply(around.id, "2026-05-20T12:00:00Z"),
    ]);
    const march = await context({ from: "2026-03-01", to: "2026-03-31", granularity: "day", agentId: agent });
    const report = await agentsReportOf(testDb.database.db, march);
    expect(report.agents.find((a) => a.userId === agent)?.conversationsHandled).toBe(1);
    const january = await context({ from: "2026-01-01", to: "2026-01-31", granularity: "day", agentId: agent });
    expect((await agentsReportOf(testDb.database.db, january)).agents.find((a) => a.userId === agent)?.conversationsHandled).toBe(2);
  });

  run("when a handling duration ends exactly at the range's start it counts; exactly at its end it belongs to the next day", async () => {
    const agent = await ws.addUser("Edu");
    const early = await ws.addConversation({ channelId: ws.salesChannel, openedAt: "2026-04-01T12:00:00Z" });
    const late = await ws.addConversation({ channelId: ws.salesChannel, openedAt: "2026-04-01T12:00:00Z" });
    const reply = (conversationId: string, at: string) => replyOf(agent, conversationId, at);
    // 10 April in São Paulo is [10 Apr 03:00Z, 11 Apr 03:00Z).
    await ws.durations([reply(early.id, "2026-04-10T03:00:00.000Z"), reply(late.id, "2026-04-11T03:00:00.000Z")]);
    const handledOn = async (day: string) =>
      (await agentsReportOf(testDb.database.db, await context({ from: day, to: day, granularity: "day", agentId: agent }))).agents.find(
        (a) => a.userId === agent,
      )?.conversationsHandled;
    expect(await handledOn("2026-04-10")).toBe(1);
    expect(await handledOn("2026-04-11")).toBe(1);
    expect(await handledOn("2026-04-09")).toBe(0);
  });
});
