import { randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import { csatResponses } from "../../../db/schema/csat-responses.ts";
import { DATABASE_KINDS } from "../../../testing/databases.test-utils.ts";
import { qualityReport as qualityReportSchema } from "../schemas.ts";
import { qualityReport } from "./quality.ts";
import { newReportsWorkspace, useReportsTestDb } from "./report-facts.test-utils.ts";

/* Range: local 2026-03-10..11 in America/Sao_Paulo (UTC−3) = [03-10T03:00Z, 03-12T03:00Z). */

describe.each(DATABASE_KINDS)("qualityReport (%s)", (kind) => {
  const { run, database } = useReportsTestDb(kind);

  const fixture = async () => {
    const ws = await newReportsWorkspace(database());
    const sales = ws.salesChannel;
    const support = ws.supportChannel;
    const ana = await ws.addUser("Ana");
    const bruno = await ws.addUser("Bruno");
    const negative = { label: "negative", score: -0.7 } as const;
    // Active in the range, negative, open, human, waiting: a negative unanswered one.
    const { id: q1 } = await ws.addConversation({
      channelId: sales,
      assigneeId: ana,
      tags: ["vip"],
      openedAt: "2026-03-09T12:00:00Z",
      waitingSince: "2026-03-10T08:00:00Z",
      sentiment: negative,
    });
    const { id: q2 } = await ws.addConversation({
      channelId: support,
      assigneeId: bruno,
      status: "resolved",
      openedAt: "2026-03-10T05:00:00Z",
      resolvedAt: "2026-03-10T06:00:00Z",
      sentiment: { label: "positive", score: 0.6 },
    });
    // Resolved a millisecond before the range: not active in it.
    await ws.addConversation({
      channelId: sales,
      status: "resolved",
      openedAt: "2026-03-08T12:00:00Z",
      resolvedAt: "2026-03-10T02:59:59.999Z",
      sentiment: negative,
    });
    // Opened when the range ends: not in it.
    await ws.addConversation({ channelId: sales, openedAt: "2026-03-12T03:00:00Z", sentiment: { label: "positive", score: 0.9 } });
    // Resolved exactly when the range starts: in it.
    const { id: q5 } = await ws.addConversation({
      channelId: sales,
      assigneeId: ana,
      tags: ["vip", "b2b"],
      status: "resolved",
      openedAt: "2026-03-09T12:00:00Z",
      resolvedAt: "2026-03-10T03:00:00Z",
      sentiment: { label: "neutral", score: 0 },
    });
    // Never scored: left out of the distribution.
    await ws.addConversation({ channelId: sales, openedAt: "2026-03-10T12:00:00Z" });
    await ws.addConversation({
      channelId: support,
      assigneeId: bruno,
      openedAt: "2026-03-11T12:00:00Z",
      waitingSince: "2026-03-11T12:00:00Z",
      sentiment: negative,
    });
    // Negative and waiting, but pending / bot-handled / answered: not "negative unanswered".
    await ws.addConversation({ channelId: sales, status: "pending", waitingSince: "2026-03-10T12:00:00Z", sentiment: negative });
    await ws.addConversation({ channelId: sales, handledBy: "bot", waitingSince: "2026-03-10T12:00:00Z", sentiment: negative });
    await ws.addConversation({ channelId: sales, sentiment: negative });

    await ws.rollups([
      { metric: "sentiment", at: "2026-03-10T15:00:00Z", channelId: sales, dim: "negative", count: 2, total: -1.5 },
      { metric: "sentiment", at: "2026-03-10T15:00:00Z", channelId: sales, dim: "positive", count: 1, total: 0.75 },
    ]);
    await ws.events([
      { metric: "sentiment", at: "2026-03-11T02:30:00Z", channelId: sales, dim: "neutral", total: 0 }, // 03-10 23:30 local
      { metric: "sentiment", at: "2026-03-11T10:00:00Z", channelId: support, dim: "negative", total: -0.5 },
      { metric: "sentiment", at: "2026-03-10T02:00:00Z", channelId: sales, dim: "negative", total: -1 }, // 03-09 local
    ]);

    const csat = (conversationId: string, channelId: string, agentId: string | null, score: number, at: string) => ({
      id: randomUUID(),
      workspaceId: ws.workspaceId,
      conversationId,
      channelId,
      agentId,
      score,
      source: "api" as const,
      at: new Date(at),
    });
    await database()
      .db.insert(csatResponses)
      .values([
        csat(q1, sales, ana, 5, "2026-03-10T03:00:00Z"),
        csat(q2, support, bruno, 4, "2026-03-10T07:00:00Z"),
        csat(q1, sales, ana, 2, "2026-03-11T09:00:00Z"),
        csat(q5, sales, null, 5, "2026-03-12T02:59:59.999Z"),
        csat(q5, sales, null, 1, "2026-03-10T02:59:59.999Z"),
      ]);
    return { ws, ana, bruno };
  };

  run("the whole workspace: distribution of active conversations, trend per local day, CSAT, negative unanswered", async () => {
    const { ws } = await fixture();
    const report = await qualityReport(database().db, await ws.context({ from: "2026-03-10", to: "2026-03-11" }));
    expect(qualityReportSchema.parse(report)).toEqual(report);
    expect(report.range).toMatchObject({ start: "2026-03-10T03:00:00.000Z", end: "2026-03-12T03:00:00.000Z" });
    expect(report.sentiment).toEqual({
      distribution: [
        { label: "negative", conversations: 5 },
        { label: "neutral", conversations: 1 },
        { label: "positive", conversations: 1 },
      ],
      trend: [
        { bucket: "2026-03-10", start: "2026-03-10T03:00:00.000Z", averageScore: -0.1875, negative: 2, neutral: 1, positive: 1 },
        { bucket: "2026-03-11", start: "2026-03-11T03:00:00.000Z", averageScore: -0.5, negative: 1, neutral: 0, positive: 0 },
      ],
    });
    expect(report.csat).toEqual({
      responses: 4,
      average: 4,
      satisfiedRate: 0.75,
      distribution: [
        { score: 1, count: 0 },
        { score: 2, count: 1 },
        { score: 3, count: 0 },
        { score: 4, count: 1 },
        { score: 5, count: 2 },
      ],
    });
    expect(report.negativeUnanswered).toBe(2);
  });

  run("channel, agent and tag filters; the trend is null with a tag", async () => {
    const { ws, ana } = await fixture();
    const support = await qualityReport(
      database().db,
      await ws.context({ from: "2026-03-10", to: "2026-03-11", channelId: ws.supportChannel }),
    );
    expect(support.sentiment.distribution.map((d) => d.conversations)).toEqual([1, 0, 1]);
    expect(support.sentiment.trend).toEqual([
      { bucket: "2026-03-10", start: "2026-03-10T03:00:00.000Z", averageScore: null, negative: 0, neutral: 0, positive: 0 },
      { bucket: "2026-03-11", start: "2026-03-11T03:00:00.000Z", averageScore: -0.5, negative: 1, neutral: 0, positive: 0 },
    ]);
    expect(support.csat).toMatchObject({ responses: 1, average: 4, satisfiedRate: 1 });
    expect(support.negativeUnanswered).toBe(1);

    const ofAna = await qualityReport(database().db, await ws.context({ from: "2026-03-10", to: "2026-03-11", agentId: ana }));
    expect(ofAna.sentiment.distribution.map((d) => d.conversations)).toEqual([1, 1, 0]);
    expect(ofAna.csat).toMatchObject({ responses: 2, average: 3.5, satisfiedRate: 0.5 });
    expect(ofAna.csat.distribution.map((d) => d.count)).toEqual([0, 1, 0, 0, 1]);
    expect(ofAna.negativeUnanswered).toBe(1);
    // The sentiment facts here carry no agent: an agent's trend is empty, not the workspace's.
    expect(ofAna.sentiment.trend?.map((t) => t.averageScore)).toEqual([null, null]);

    const vip = await qualityReport(database().db, await ws.context({ from: "2026-03-10", to: "2026-03-11", tag: "vip" }));
    expect(vip.sentiment).toEqual({
      distribution: [
        { label: "negative", conversations: 1 },
        { label: "neutral", conversations: 1 },
        { label: "positive", conversations: 0 },
      ],
      trend: null,
    });
    expect(vip.csat).toMatchObject({ responses: 3, average: 4, satisfiedRate: 2 / 3 });
    expect(vip.negativeUnanswered).toBe(1);
  });

  run("a range with nothing in it: zeros and nulls, five CSAT rows, hourly buckets", async () => {
    const ws = await newReportsWorkspace(database());
    const report = await qualityReport(database().db, await ws.context({ from: "2026-03-10", to: "2026-03-10", granularity: "hour" }));
    expect(report.sentiment.distribution).toEqual([
      { label: "negative", conversations: 0 },
      { label: "neutral", conversations: 0 },
      { label: "positive", conversations: 0 },
    ]);
    expect(report.sentiment.trend).toHaveLength(24);
    expect(report.sentiment.trend?.[0]).toEqual({
      bucket: "2026-03-10T00:00",
      start: "2026-03-10T03:00:00.000Z",
      averageScore: null,
      negative: 0,
      neutral: 0,
      positive: 0,
    });
    expect(report.csat).toEqual({
      responses: 0,
      average: null,
      satisfiedRate: null,
      distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: 0 })),
    });
    expect(report.negativeUnanswered).toBe(0);
  });
});
