import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { csatResponses } from "../../../db/schema/csat-responses.ts";
import { agentPresence } from "../../../db/schema/reports.ts";
import { users } from "../../../db/schema/users.ts";
import { DATABASE_KINDS } from "../../../testing/databases.test-utils.ts";
import { agentsReport as agentsReportSchema } from "../schemas.ts";
import { agentsReport } from "./agents.ts";
import { newReportsWorkspace, useReportsTestDb } from "./report-facts.test-utils.ts";

const NOW = new Date("2026-03-15T12:00:00Z");
const range = { from: "2026-03-02", to: "2026-03-15" };

describe.each(DATABASE_KINDS)("agentsReport (%s)", (kind) => {
  const { run, database } = useReportsTestDb(kind);

  const setUp = async () => {
    const db = database().db;
    const ws = await newReportsWorkspace(database());
    const ana = await ws.addUser("Ana");
    const bruno = await ws.addUser("Bruno");
    const carla = await ws.addUser("Carla");
    const dora = await ws.addUser("Dora");
    await db
      .update(users)
      .set({ disabledAt: new Date("2026-03-12T00:00:00Z") })
      .where(eq(users.id, carla));
    await db
      .update(users)
      .set({ disabledAt: new Date("2026-03-12T00:00:00Z"), role: "supervisor" })
      .where(eq(users.id, dora));
    const sales = ws.salesChannel;
    const c1 = await ws.addConversation({ channelId: sales, openedAt: "2026-03-05T12:00:00Z", assigneeId: ana });
    const c2 = await ws.addConversation({
      channelId: sales,
      openedAt: "2026-03-05T13:00:00Z",
      assigneeId: ana,
      resolvedAt: "2026-03-05T18:00:00Z",
      resolvedById: ana,
    });
    const c3 = await ws.addConversation({
      channelId: ws.supportChannel,
      openedAt: "2026-03-06T12:00:00Z",
      assigneeId: bruno,
      tags: ["vip"],
    });
    await ws.addConversation({
      channelId: sales,
      openedAt: "2026-03-07T12:00:00Z",
      resolvedAt: "2026-03-07T13:00:00Z",
      resolvedById: dora,
    });
    const d = (kind: "first_response" | "reply" | "resolution", conversationId: string, agentId: string, seconds: number, at: string) => ({
      kind,
      conversationId,
      agentId,
      seconds,
      at,
      channelId: conversationId === c3.id ? ws.supportChannel : sales,
    });
    await ws.durations([
      d("first_response", c1.id, ana, 10, "2026-03-05T12:10:00Z"),
      d("first_response", c2.id, ana, 20, "2026-03-05T13:10:00Z"),
      d("reply", c1.id, ana, 30, "2026-03-05T14:00:00Z"),
      d("reply", c1.id, ana, 40, "2026-03-05T15:00:00Z"),
      d("resolution", c2.id, ana, 18000, "2026-03-05T18:00:00Z"),
      d("first_response", c3.id, bruno, 60, "2026-03-06T12:01:00Z"),
    ]);
    await ws.events([
      { metric: "message.out", at: "2026-03-05T14:00:00Z", channelId: sales, agentId: ana, dim: "text", count: 5 },
      { metric: "message.out", at: "2026-03-06T12:01:00Z", channelId: ws.supportChannel, agentId: bruno, dim: "text", count: 2 },
    ]);
    const session = (userId: string, startedAt: string, lastSeenAt: string, endedAt: string | null) => ({
      id: randomUUID(),
      workspaceId: ws.workspaceId,
      userId,
      startedAt: new Date(startedAt),
      lastSeenAt: new Date(lastSeenAt),
      endedAt: endedAt ? new Date(endedAt) : null,
    });
    await db.insert(agentPresence).values([
      // Two tabs overlapping one hour: 12:00–15:00 once, 3 h.
      session(ana, "2026-03-05T12:00:00Z", "2026-03-05T14:00:00Z", "2026-03-05T14:00:00Z"),
      session(ana, "2026-03-05T13:00:00Z", "2026-03-05T15:00:00Z", "2026-03-05T15:00:00Z"),
      // Started before the range (03:00Z on the 2nd): one hour counted.
      session(ana, "2026-03-02T01:00:00Z", "2026-03-02T04:00:00Z", "2026-03-02T04:00:00Z"),
      // Not ended, heartbeat 90 min old: its process died at the heartbeat (30 min).
      session(bruno, "2026-03-15T10:00:00Z", "2026-03-15T10:30:00Z", null),
      // Not ended, heartbeat 30 s old: online until now (1 h).
      session(bruno, "2026-03-15T11:00:00Z", "2026-03-15T11:59:30Z", null),
    ]);
    const csat = (conversationId: string, agentId: string, score: number, at: string) => ({
      id: randomUUID(),
      workspaceId: ws.workspaceId,
      conversationId,
      channelId: conversationId === c3.id ? ws.supportChannel : sales,
      agentId,
      score,
      source: "api" as const,
      at: new Date(at),
    });
    await db
      .insert(csatResponses)
      .values([
        csat(c2.id, ana, 5, "2026-03-05T19:00:00Z"),
        csat(c1.id, ana, 4, "2026-03-06T19:00:00Z"),
        csat(c1.id, ana, 1, "2026-03-16T19:00:00Z"),
        csat(c3.id, bruno, 2, "2026-03-07T19:00:00Z"),
      ]);
    return { ws, ana, bruno, carla, dora };
  };

  run("one row per agent with handled, resolved, messages, durations, open now, online time and CSAT", async () => {
    const { ws, ana, bruno, dora } = await setUp();
    const report = await agentsReport(database().db, await ws.context(range, NOW));
    expect(agentsReportSchema.parse(report)).toEqual(report);
    // Carla is deactivated without numbers: left out. Dora is deactivated but resolved a conversation.
    expect(report.agents.map((a) => [a.name, a.active])).toEqual([
      ["Ana", true],
      ["Bruno", true],
      ["Dora", false],
    ]);
    const [anaRow, brunoRow, doraRow] = report.agents;
    expect(anaRow).toEqual({
      userId: ana,
      name: "Ana",
      role: "agent",
      active: true,
      conversationsHandled: 2,
      conversationsResolved: 1,
      messagesSent: 5,
      firstResponse: { count: 2, median: 15, p90: 19, average: 15 },
      reply: { count: 2, median: 35, p90: 39, average: 35 },
      resolution: { count: 1, median: 18000, p90: 18000, average: 18000 },
      openNow: 1,
      onlineSeconds: 14400,
      csatAverage: 4.5,
    });
    expect(brunoRow).toMatchObject({
      userId: bruno,
      conversationsHandled: 1,
      conversationsResolved: 0,
      messagesSent: 2,
      firstResponse: { count: 1, median: 60, p90: 60, average: 60 },
      openNow: 1,
      onlineSeconds: 5400,
      csatAverage: 2,
    });
    expect(doraRow).toMatchObject({
      userId: dora,
      role: "supervisor",
      conversationsResolved: 1,
      conversationsHandled: 0,
      csatAverage: null,
    });
  });

  run("filters: one agent, a tag (messages null), a channel", async () => {
    const { ws, bruno } = await setUp();
    const onlyBruno = await agentsReport(database().db, await ws.context({ ...range, agentId: bruno }, NOW));
    expect(onlyBruno.agents.map((a) => a.name)).toEqual(["Bruno"]);
    expect(onlyBruno.agents[0]?.onlineSeconds).toBe(5400);
    const vip = await agentsReport(database().db, await ws.context({ ...range, tag: "vip" }, NOW));
    const [anaVip, brunoVip] = vip.agents;
    expect(anaVip).toMatchObject({ name: "Ana", conversationsHandled: 0, messagesSent: null, openNow: 0, csatAverage: null });
    expect(brunoVip).toMatchObject({ name: "Bruno", conversationsHandled: 1, messagesSent: null, openNow: 1, csatAverage: 2 });
    const support = await agentsReport(database().db, await ws.context({ ...range, channelId: ws.supportChannel }, NOW));
    expect(support.agents.find((a) => a.name === "Ana")).toMatchObject({ conversationsHandled: 0, messagesSent: 0, openNow: 0 });
  });
});
