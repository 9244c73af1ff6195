import { describe, expect } from "vitest";
import { DATABASE_KINDS } from "../../../testing/databases.test-utils.ts";
import { speedReport as speedReportSchema } from "../schemas.ts";
import { newReportsWorkspace, useReportsTestDb } from "./report-facts.test-utils.ts";
import { speedReport } from "./speed.ts";

/* Speed report and the duration statistics under it (durations.ts), from report_durations written directly. */

describe.each(DATABASE_KINDS)("speedReport (%s)", (kind) => {
  const { run, database } = useReportsTestDb(kind);

  const setUp = async () => {
    const ws = await newReportsWorkspace(database());
    const ana = await ws.addUser("Ana");
    const bruno = await ws.addUser("Bruno");
    const c1 = await ws.addConversation({ channelId: ws.salesChannel, openedAt: "2026-03-05T14:00:00Z" });
    const c2 = await ws.addConversation({ channelId: ws.supportChannel, openedAt: "2026-03-09T14:00:00Z", tags: ["vip"] });
    const d = (
      kind: "first_response" | "reply" | "resolution",
      at: string,
      seconds: number,
      businessSeconds: number,
      agentId = ana,
      c = c1,
    ) => ({
      kind,
      at,
      conversationId: c.id,
      channelId: c === c1 ? ws.salesChannel : ws.supportChannel,
      agentId,
      seconds,
      businessSeconds,
    });
    await ws.durations([
      d("first_response", "2026-03-05T15:00:00Z", 10, 5),
      d("first_response", "2026-03-05T15:01:00Z", 20, 10),
      d("first_response", "2026-03-05T15:02:00Z", 30, 15),
      d("first_response", "2026-03-05T15:03:00Z", 40, 20),
      // 02:30Z on the 6th is 23:30 of the 5th in São Paulo.
      d("reply", "2026-03-06T02:30:00Z", 100, 0),
      d("resolution", "2026-03-06T03:30:00Z", 1000, 400),
      // The last instant of the range (local midnight after the 15th is 03:00Z) is in; that midnight is out.
      d("reply", "2026-03-16T02:59:59.999Z", 7, 7),
      d("reply", "2026-03-16T03:00:00.000Z", 9999, 9999),
      d("reply", "2026-03-10T12:00:00Z", 50, 50, bruno, c2),
    ]);
    // Another workspace's durations are never read.
    const other = await newReportsWorkspace(database());
    const otherConversation = await other.addConversation({
      channelId: other.salesChannel,
      openedAt: "2026-03-05T14:00:00Z",
    });
    await other.durations([
      {
        kind: "first_response",
        at: "2026-03-05T15:00:00Z",
        conversationId: otherConversation.id,
        channelId: other.salesChannel,
        seconds: 1,
      },
    ]);
    return { ws, ana, bruno };
  };

  run("median and p90 interpolate, per kind, in total and per local day", async () => {
    const { ws } = await setUp();
    const report = await speedReport(database().db, await ws.context({ from: "2026-03-02", to: "2026-03-15" }));
    expect(speedReportSchema.parse(report)).toEqual(report);
    expect(report.firstResponse).toEqual({ count: 4, median: 25, p90: 37, average: 25 });
    expect(report.reply).toEqual({ count: 3, median: 50, p90: 90, average: 157 / 3 });
    expect(report.resolution).toEqual({ count: 1, median: 1000, p90: 1000, average: 1000 });
    expect(report.series).toHaveLength(14);
    const day = (bucket: string) => report.series.find((s) => s.bucket === bucket);
    expect(day("2026-03-05")).toEqual({
      bucket: "2026-03-05",
      start: "2026-03-05T03:00:00.000Z",
      firstResponse: { count: 4, median: 25, p90: 37, average: 25 },
      reply: { count: 1, median: 100, p90: 100, average: 100 },
      resolution: { count: 0, median: null, p90: null, average: null },
    });
    expect(day("2026-03-06")?.resolution).toEqual({ count: 1, median: 1000, p90: 1000, average: 1000 });
    expect(day("2026-03-15")?.reply.count).toBe(1);
    expect(day("2026-03-10")?.reply.median).toBe(50);
  });

  run("business hours reads business_seconds", async () => {
    const { ws } = await setUp();
    const report = await speedReport(database().db, await ws.context({ from: "2026-03-02", to: "2026-03-15", businessHours: "true" }));
    expect(report.range.businessHours).toBe(true);
    expect(report.firstResponse).toEqual({ count: 4, median: 12.5, p90: 18.5, average: 12.5 });
    expect(report.resolution.median).toBe(400);
    expect(report.reply).toEqual({ count: 3, median: 7, p90: 41.4, average: 19 });
  });

  run("weeks start on Monday in the zone; the first week may start before the range", async () => {
    const { ws } = await setUp();
    const report = await speedReport(database().db, await ws.context({ from: "2026-03-04", to: "2026-03-15", granularity: "week" }));
    expect(report.series.map((s) => [s.bucket, s.start, s.firstResponse.count, s.reply.count, s.resolution.count])).toEqual([
      ["2026-03-02", "2026-03-02T03:00:00.000Z", 4, 1, 1],
      ["2026-03-09", "2026-03-09T03:00:00.000Z", 0, 2, 0],
    ]);
  });

  run("agent, channel and tag filters", async () => {
    const { ws, bruno } = await setUp();
    const range = { from: "2026-03-02", to: "2026-03-15" };
    const byBruno = await speedReport(database().db, await ws.context({ ...range, agentId: bruno }));
    expect(byBruno.firstResponse.count).toBe(0);
    expect(byBruno.reply).toEqual({ count: 1, median: 50, p90: 50, average: 50 });
    const support = await speedReport(database().db, await ws.context({ ...range, channelId: ws.supportChannel }));
    expect(support.reply.count).toBe(1);
    expect(support.firstResponse.count).toBe(0);
    const vip = await speedReport(database().db, await ws.context({ ...range, tag: "vip" }));
    expect(vip.reply).toEqual({ count: 1, median: 50, p90: 50, average: 50 });
    const nobody = await speedReport(database().db, await ws.context({ ...range, tag: "nobody" }));
    expect(nobody.reply.count).toBe(0);
  });
});
