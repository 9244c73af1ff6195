import { describe, expect } from "vitest";
import { DATABASE_KINDS } from "../../../testing/databases.test-utils.ts";
import { botReport as botReportSchema } from "../schemas.ts";
import { botReport } from "./bot.ts";
import { newReportsWorkspace, useReportsTestDb } from "./report-facts.test-utils.ts";

const range = { from: "2026-03-02", to: "2026-03-15" };

describe.each(DATABASE_KINDS)("botReport (%s)", (kind) => {
  const { run, database } = useReportsTestDb(kind);

  const setUp = async () => {
    const ws = await newReportsWorkspace(database());
    const ch = ws.salesChannel;
    // Contained: the bot answered and resolved it alone.
    await ws.addConversation({ channelId: ch, openedAt: "2026-03-05T15:00:00Z", botHandled: true, resolvedAt: "2026-03-05T15:10:00Z" });
    const handedOff = await ws.addConversation({
      channelId: ch,
      openedAt: "2026-03-05T15:30:00Z",
      botHandled: true,
      resolvedAt: "2026-03-05T18:00:00Z",
      handedOffAt: "2026-03-05T16:00:00Z",
      handoffReason: "customer_request",
      agentMessages: 3,
      tags: ["vip"],
    });
    // 02:30Z on the 6th = the 5th in São Paulo; still open: handled, not contained.
    await ws.addConversation({ channelId: ch, openedAt: "2026-03-06T02:30:00Z", botHandled: true });
    // Resolved without a handoff, but an agent wrote: not contained.
    await ws.addConversation({
      channelId: ch,
      openedAt: "2026-03-07T12:00:00Z",
      botHandled: true,
      resolvedAt: "2026-03-07T12:30:00Z",
      agentMessages: 1,
    });
    const negative = await ws.addConversation({
      channelId: ws.supportChannel,
      openedAt: "2026-03-07T13:00:00Z",
      botHandled: true,
      handedOffAt: "2026-03-07T13:05:00Z",
      handoffReason: "negative_sentiment",
    });
    await ws.addConversation({ channelId: ch, openedAt: "2026-03-07T14:00:00Z" });
    // Opened before the range: not in the cohort.
    await ws.addConversation({ channelId: ch, openedAt: "2026-02-20T12:00:00Z", botHandled: true, resolvedAt: "2026-03-05T12:00:00Z" });
    await ws.durations([
      { kind: "handoff", at: "2026-03-05T16:00:00Z", conversationId: handedOff.id, channelId: ch, seconds: 60 },
      { kind: "handoff", at: "2026-03-07T13:05:00Z", conversationId: negative.id, channelId: ws.supportChannel, seconds: 300 },
    ]);
    return { ws };
  };

  run("handled, contained, containment rate, handoffs by reason, time to handoff and the series by day opened", async () => {
    const { ws } = await setUp();
    const report = await botReport(database().db, await ws.context(range));
    expect(botReportSchema.parse(report)).toEqual(report);
    expect(report.conversationsHandled).toBe(5);
    expect(report.contained).toBe(1);
    expect(report.containmentRate).toBe(0.2);
    expect(report.handedOff).toBe(2);
    expect(report.handoffsByReason).toEqual([
      { reason: "customer_request", count: 1 },
      { reason: "negative_sentiment", count: 1 },
    ]);
    expect(report.timeToHandoff).toEqual({ count: 2, median: 180, p90: 276, average: 180 });
    const day = (bucket: string) => report.series.find((s) => s.bucket === bucket);
    expect(day("2026-03-05")).toEqual({ bucket: "2026-03-05", start: "2026-03-05T03:00:00.000Z", handled: 3, contained: 1, handedOff: 1 });
    expect(day("2026-03-07")).toMatchObject({ handled: 2, contained: 0, handedOff: 1 });
    expect(day("2026-03-06")).toMatchObject({ handled: 0, contained: 0, handedOff: 0 });
  });

  run("filters narrow the cohort; no handled conversation gives a null rate", async () => {
    const { ws } = await setUp();
    const vip = await botReport(database().db, await ws.context({ ...range, tag: "vip" }));
    expect(vip).toMatchObject({ conversationsHandled: 1, contained: 0, containmentRate: 0, handedOff: 1 });
    expect(vip.timeToHandoff).toEqual({ count: 1, median: 60, p90: 60, average: 60 });
    const support = await botReport(database().db, await ws.context({ ...range, channelId: ws.supportChannel }));
    expect(support.handoffsByReason).toEqual([{ reason: "negative_sentiment", count: 1 }]);
    const empty = await botReport(database().db, await ws.context({ from: "2026-04-01", to: "2026-04-02" }));
    expect(empty).toMatchObject({ conversationsHandled: 0, contained: 0, containmentRate: null, handedOff: 0, handoffsByReason: [] });
    expect(empty.timeToHandoff).toEqual({ count: 0, median: null, p90: null, average: null });
  });
});
