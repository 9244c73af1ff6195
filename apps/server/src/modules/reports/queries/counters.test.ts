import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { queryRows } from "../../../db/raw.ts";
import { DATABASE_KINDS } from "../../../testing/databases.test-utils.ts";
import { bucketsOf } from "../context.ts";
import { foldReportEvents, rebuildDayRollups } from "../fold.ts";
import { type CounterRow, sumCounters } from "./counters.ts";
import { newReportsWorkspace, useReportsTestDb } from "./report-facts.test-utils.ts";

/*
 * sumCounters on the database: the folded rollups and the events not folded yet are one sum, over the range's
 * instants on the zone's wall clock. America/Sao_Paulo is UTC−3 all year (no daylight saving since 2019): local
 * 2026-03-10 is [03-10T03:00Z, 03-11T03:00Z).
 */

const byKey = (rows: CounterRow[]) =>
  rows
    .map((r) => ({
      metric: r.metric,
      ...(r.bucketStart ? { bucketStart: r.bucketStart.toISOString() } : {}),
      ...(r.channelId !== undefined ? { channelId: r.channelId } : {}),
      ...(r.agentId !== undefined ? { agentId: r.agentId } : {}),
      ...(r.dim !== undefined ? { dim: r.dim } : {}),
      count: r.count,
      total: r.total,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe.each(DATABASE_KINDS)("sumCounters (%s)", (kind) => {
  const { run, database } = useReportsTestDb(kind);

  run("events only: counted by local day, the range's edges exact to the millisecond", async () => {
    const ws = await newReportsWorkspace(database());
    const ch = ws.salesChannel;
    await ws.events([
      { metric: "message.in", at: "2026-03-10T02:59:59.999Z", channelId: ch, dim: "text" }, // 03-09 local: before the range
      { metric: "message.in", at: "2026-03-10T03:00:00.000Z", channelId: ch, dim: "text" },
      { metric: "message.in", at: "2026-03-11T02:59:59.999Z", channelId: ch, dim: "image" },
      { metric: "message.in", at: "2026-03-11T03:00:00.000Z", channelId: ch, dim: "text", count: 3 },
      { metric: "message.in", at: "2026-03-12T03:00:00.000Z", channelId: ch, dim: "text" }, // 03-12 local: after the range
    ]);
    const ctx = await ws.context({ from: "2026-03-10", to: "2026-03-11" });
    expect(ctx.start.toISOString()).toBe("2026-03-10T03:00:00.000Z");
    expect(ctx.end.toISOString()).toBe("2026-03-12T03:00:00.000Z");
    expect(byKey(await sumCounters(database().db, ctx, ["message.in"], ["bucket"]))).toEqual([
      { metric: "message.in", bucketStart: "2026-03-10T03:00:00.000Z", count: 2, total: 0 },
      { metric: "message.in", bucketStart: "2026-03-11T03:00:00.000Z", count: 3, total: 0 },
    ]);
    expect(byKey(await sumCounters(database().db, ctx, ["message.in"], ["dim"]))).toEqual([
      { metric: "message.in", dim: "image", count: 1, total: 0 },
      { metric: "message.in", dim: "text", count: 4, total: 0 },
    ]);
    // The bucket starts are the ones bucketsOf lists, so a series finds its rows by start.
    expect(bucketsOf(ctx).map((b) => b.start.toISOString())).toEqual(["2026-03-10T03:00:00.000Z", "2026-03-11T03:00:00.000Z"]);
  });

  run("rollups only: an hour belongs to the day its start falls in", async () => {
    const ws = await newReportsWorkspace(database());
    const ch = ws.salesChannel;
    await ws.rollups([
      { metric: "billable", at: "2026-03-10T02:00:00Z", channelId: ch, dim: "marketing:BR", count: 5, total: 0.5 }, // 03-09 23:00 local
      { metric: "billable", at: "2026-03-10T03:00:00Z", channelId: ch, dim: "marketing:BR", count: 2, total: 0.125 },
      { metric: "billable", at: "2026-03-11T02:00:00Z", channelId: ch, dim: "utility:AR", count: 4, total: 0.04 },
      { metric: "billable", at: "2026-03-11T03:00:00Z", channelId: ws.supportChannel, dim: "marketing:BR", count: 1, total: 0.0625 },
    ]);
    const ctx = await ws.context({ from: "2026-03-10", to: "2026-03-11" });
    expect(byKey(await sumCounters(database().db, ctx, ["billable"], ["bucket", "channel"]))).toEqual([
      { metric: "billable", bucketStart: "2026-03-10T03:00:00.000Z", channelId: ch, count: 6, total: 0.165 },
      { metric: "billable", bucketStart: "2026-03-11T03:00:00.000Z", channelId: ws.supportChannel, count: 1, total: 0.0625 },
    ]);
    const supportOnly = await ws.context({ from: "2026-03-10", to: "2026-03-11", channelId: ws.supportChannel });
    expect(byKey(await sumCounters(database().db, supportOnly, ["billable"], []))).toEqual([
      { metric: "billable", count: 1, total: 0.0625 },
    ]);
  });

  run("rollups and events of the same key add up; other metrics and workspaces stay out", async () => {
    const ws = await newReportsWorkspace(database());
    const other = await newReportsWorkspace(database());
    const ch = ws.salesChannel;
    await ws.rollups([
      { metric: "status.failed", at: "2026-03-10T15:00:00Z", channelId: ch, dim: "131026", count: 7 },
      { metric: "status.sent", at: "2026-03-10T15:00:00Z", channelId: ch, count: 40 },
    ]);
    await ws.events([
      { metric: "status.failed", at: "2026-03-10T16:10:00Z", channelId: ch, dim: "131026" },
      { metric: "status.failed", at: "2026-03-10T16:20:00Z", channelId: ch, dim: "131047" },
      { metric: "status.delivered", at: "2026-03-10T16:20:00Z", channelId: ch },
    ]);
    await other.rollups([
      { metric: "status.failed", at: "2026-03-10T15:00:00Z", channelId: other.salesChannel, dim: "131026", count: 100 },
    ]);
    await other.events([{ metric: "status.failed", at: "2026-03-10T16:00:00Z", channelId: other.salesChannel, dim: "131026" }]);
    const ctx = await ws.context({ from: "2026-03-10", to: "2026-03-10" });
    expect(byKey(await sumCounters(database().db, ctx, ["status.failed", "status.sent"], ["dim"]))).toEqual([
      { metric: "status.failed", dim: "131026", count: 8, total: 0 },
      { metric: "status.failed", dim: "131047", count: 1, total: 0 },
      { metric: "status.sent", dim: "", count: 40, total: 0 },
    ]);
    expect(await sumCounters(database().db, ctx, [], ["dim"])).toEqual([]);
  });

  run("facts without an agent count in the totals, not in an agent grouping; the agent filter keeps only its agent", async () => {
    const ws = await newReportsWorkspace(database());
    const ch = ws.salesChannel;
    const ana = await ws.addUser("Ana");
    const bruno = await ws.addUser("Bruno");
    await ws.rollups([
      { metric: "message.out", at: "2026-03-10T12:00:00Z", channelId: ch, agentId: null, dim: "text", count: 3 },
      { metric: "message.out", at: "2026-03-10T12:00:00Z", channelId: ch, agentId: ana, dim: "text", count: 10 },
    ]);
    await ws.events([
      { metric: "message.out", at: "2026-03-10T13:30:00Z", channelId: ch, agentId: null, dim: "text" },
      { metric: "message.out", at: "2026-03-10T13:30:00Z", channelId: ch, agentId: ana, dim: "text" },
      { metric: "message.out", at: "2026-03-10T13:30:00Z", channelId: ch, agentId: bruno, dim: "text", count: 2 },
    ]);
    const ctx = await ws.context({ from: "2026-03-10", to: "2026-03-10" });
    expect(byKey(await sumCounters(database().db, ctx, ["message.out"], ["agent"]))).toEqual(
      byKey([
        { metric: "message.out", agentId: ana, count: 11, total: 0 },
        { metric: "message.out", agentId: bruno, count: 2, total: 0 },
      ]),
    );
    expect(byKey(await sumCounters(database().db, ctx, ["message.out"], []))).toEqual([{ metric: "message.out", count: 17, total: 0 }]);
    const anaOnly = await ws.context({ from: "2026-03-10", to: "2026-03-10", agentId: ana });
    expect(byKey(await sumCounters(database().db, anaOnly, ["message.out"], []))).toEqual([{ metric: "message.out", count: 11, total: 0 }]);
    // A team with nobody in it: nothing, without asking the database.
    expect(await sumCounters(database().db, { ...anaOnly, agentIds: [] }, ["message.out"], [])).toEqual([]);
    // Someone who never sent anything.
    const nobody = await ws.context({ from: "2026-03-10", to: "2026-03-10", agentId: randomUUID() });
    expect(await sumCounters(database().db, nobody, ["message.out"], [])).toEqual([]);
  });

  run("hour granularity: buckets on the local hour, matching bucketsOf", async () => {
    const ws = await newReportsWorkspace(database());
    const ch = ws.salesChannel;
    await ws.rollups([{ metric: "message.in", at: "2026-03-10T03:00:00Z", channelId: ch, dim: "text", count: 2 }]);
    await ws.events([
      { metric: "message.in", at: "2026-03-10T03:59:59Z", channelId: ch, dim: "text" },
      { metric: "message.in", at: "2026-03-10T17:05:00Z", channelId: ch, dim: "text" },
    ]);
    const ctx = await ws.context({ from: "2026-03-10", to: "2026-03-10", granularity: "hour" });
    const rows = byKey(await sumCounters(database().db, ctx, ["message.in"], ["bucket"]));
    expect(rows).toEqual([
      { metric: "message.in", bucketStart: "2026-03-10T03:00:00.000Z", count: 3, total: 0 },
      { metric: "message.in", bucketStart: "2026-03-10T17:00:00.000Z", count: 1, total: 0 },
    ]);
    const buckets = bucketsOf(ctx);
    expect(buckets).toHaveLength(24);
    expect(buckets.find((b) => b.start.toISOString() === "2026-03-10T17:00:00.000Z")?.bucket).toBe("2026-03-10T14:00");
  });

  run(
    "Asia/Kolkata (UTC+5:30): day series are exact (day rollups of the zone); hour series count a folded UTC hour in the local hour where it starts",
    async () => {
      const ws = await newReportsWorkspace(database(), { timeZone: "Asia/Kolkata" });
      const ch = ws.salesChannel;
      // Local 2026-03-10 is [03-09T18:30Z, 03-10T18:30Z).
      await ws.rollups([
        { metric: "message.in", at: "2026-03-09T18:00:00Z", channelId: ch, dim: "text", count: 100 }, // 03-09 23:30–00:30 local: day before
        { metric: "message.in", at: "2026-03-10T03:00:00Z", channelId: ch, dim: "text", count: 10 }, // 08:30–09:30 local
        { metric: "message.in", at: "2026-03-10T18:00:00Z", channelId: ch, dim: "text", count: 1000 }, // 23:30–00:30 local: this day
        { metric: "message.in", at: "2026-03-10T18:35:00Z", channelId: ch, dim: "text", count: 5 }, // 00:05 local: next day
      ]);
      await ws.events([
        { metric: "message.in", at: "2026-03-09T18:40:00Z", channelId: ch, dim: "text" }, // 00:10 local, this day
        { metric: "message.in", at: "2026-03-10T03:40:00Z", channelId: ch, dim: "text", count: 2 }, // 09:10 local
        { metric: "message.in", at: "2026-03-10T18:40:00Z", channelId: ch, dim: "text", count: 10_000 }, // 00:10 local, next day
      ]);
      const day = await ws.context({ from: "2026-03-10", to: "2026-03-10" });
      expect(day.start.toISOString()).toBe("2026-03-09T18:30:00.000Z");
      expect(byKey(await sumCounters(database().db, day, ["message.in"], ["bucket"]))).toEqual([
        { metric: "message.in", bucketStart: "2026-03-09T18:30:00.000Z", count: 1013, total: 0 },
      ]);
      const hours = await ws.context({ from: "2026-03-10", to: "2026-03-10", granularity: "hour" });
      const rows = byKey(await sumCounters(database().db, hours, ["message.in"], ["bucket"]));
      expect(rows).toEqual([
        { metric: "message.in", bucketStart: "2026-03-09T18:30:00.000Z", count: 1, total: 0 }, // 00:00 local: the event at 00:10
        { metric: "message.in", bucketStart: "2026-03-10T02:30:00.000Z", count: 10, total: 0 }, // 08:00 local: the 08:30–09:30 rollup
        { metric: "message.in", bucketStart: "2026-03-10T03:30:00.000Z", count: 2, total: 0 }, // 09:00 local: the event at 09:10
        // 23:00 local: the UTC hour 18:00–19:00 (23:30–00:30 local) with its event of 00:05 local, the approximation
        { metric: "message.in", bucketStart: "2026-03-10T17:30:00.000Z", count: 1005, total: 0 },
      ]);
      // A report in another zone than the workspace's reads the hour rollups.
      const utc = await ws.context({ from: "2026-03-10", to: "2026-03-10", timeZone: "UTC" });
      expect(byKey(await sumCounters(database().db, utc, ["message.in"], []))).toEqual([
        { metric: "message.in", count: 10 + 2 + 1000 + 5 + 10_000, total: 0 }, // the UTC day: not the 03-09 ones
      ]);
      const labels = new Map(bucketsOf(hours).map((b) => [b.start.toISOString(), b.bucket]));
      expect(rows.map((r) => labels.get(r.bucketStart ?? ""))).toEqual([
        "2026-03-10T00:00",
        "2026-03-10T08:00",
        "2026-03-10T09:00",
        "2026-03-10T23:00",
      ]);
    },
  );

  // Last in the suite: the fold moves every workspace's events (the Kolkata test above needs its events unfolded).
  run("folding events into rollups (foldReportEvents) changes no sum in a whole-hour zone", async () => {
    const ws = await newReportsWorkspace(database());
    const ch = ws.salesChannel;
    const ana = await ws.addUser("Ana");
    await ws.rollups([{ metric: "status.failed", at: "2026-03-10T15:00:00Z", channelId: ch, agentId: ana, dim: "131026", count: 4 }]);
    await ws.events([
      { metric: "status.failed", at: "2026-03-10T15:10:00Z", channelId: ch, agentId: ana, dim: "131026" },
      { metric: "status.failed", at: "2026-03-11T02:59:00Z", channelId: ch, dim: "131026", count: 2 },
      { metric: "billable", at: "2026-03-10T20:00:00Z", channelId: ch, dim: "marketing:BR", total: 0.0625 },
    ]);
    const ctx = await ws.context({ from: "2026-03-10", to: "2026-03-11" });
    const sums = async () => [
      ...(await sumCounters(database().db, ctx, ["status.failed", "billable"], ["bucket", "dim"])),
      ...(await sumCounters(database().db, ctx, ["status.failed"], ["agent"])),
      ...(await sumCounters(database().db, { ...ctx, granularity: "hour" }, ["status.failed"], ["bucket"])),
    ];
    const before = byKey(await sums());
    expect(before).toEqual(
      byKey([
        { metric: "billable", bucketStart: new Date("2026-03-10T03:00:00Z"), dim: "marketing:BR", count: 1, total: 0.0625 },
        { metric: "status.failed", bucketStart: new Date("2026-03-10T03:00:00Z"), dim: "131026", count: 7, total: 0 },
        { metric: "status.failed", agentId: ana, count: 5, total: 0 },
        { metric: "status.failed", bucketStart: new Date("2026-03-10T15:00:00Z"), count: 5, total: 0 },
        { metric: "status.failed", bucketStart: new Date("2026-03-11T02:00:00Z"), count: 2, total: 0 },
      ]),
    );
    while ((await foldReportEvents(database().db)) > 0);
    const [left] = await queryRows<{ n: string | number }>(
      database().db,
      sql`select count(*) as n from report_events where workspace_id = ${ws.workspaceId}`,
    );
    expect(Number(left?.n)).toBe(0);
    expect(byKey(await sums())).toEqual(before);
  });

  run("changing the workspace's zone rebuilds its day rollups from the hour rollups", async () => {
    const ws = await newReportsWorkspace(database());
    const ch = ws.salesChannel;
    // 02:30Z on the 11th is the 10th in São Paulo, the 11th in UTC.
    await ws.rollups([{ metric: "message.in", at: "2026-03-11T02:30:00Z", channelId: ch, dim: "text", count: 3 }]);
    const saoPaulo = await ws.context({ from: "2026-03-10", to: "2026-03-11" });
    expect(byKey(await sumCounters(database().db, saoPaulo, ["message.in"], ["bucket"]))).toEqual([
      { metric: "message.in", bucketStart: "2026-03-10T03:00:00.000Z", count: 3, total: 0 },
    ]);
    await database().db.transaction(async (tx) => {
      await tx.execute(sql`update workspaces set time_zone = 'UTC' where id = ${ws.workspaceId}`);
      await rebuildDayRollups(tx, ws.workspaceId);
    });
    const utc = await ws.context({ from: "2026-03-10", to: "2026-03-11" });
    expect(utc.workspaceTimeZone).toBe("UTC");
    expect(byKey(await sumCounters(database().db, utc, ["message.in"], ["bucket"]))).toEqual([
      { metric: "message.in", bucketStart: "2026-03-11T00:00:00.000Z", count: 3, total: 0 },
    ]);
    const [dayRows] = await queryRows<{ n: string | number }>(
      database().db,
      sql`select count(*) as n from report_rollups where workspace_id = ${ws.workspaceId} and grain = 'day'`,
    );
    expect(Number(dayRows?.n)).toBe(1);
  });
});
