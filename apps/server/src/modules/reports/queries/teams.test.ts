import { randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import { agentPresence } from "../../../db/schema/reports.ts";
import { teamMembers, teams } from "../../../db/schema/teams.ts";
import { DATABASE_KINDS } from "../../../testing/databases.test-utils.ts";
import { teamsReport as teamsReportSchema } from "../schemas.ts";
import { newReportsWorkspace, useReportsTestDb } from "./report-facts.test-utils.ts";
import { teamsReport } from "./teams.ts";

const NOW = new Date("2026-03-15T12:00:00Z");
const range = { from: "2026-03-02", to: "2026-03-15" };

describe.each(DATABASE_KINDS)("teamsReport (%s)", (kind) => {
  const { run, database } = useReportsTestDb(kind);

  const setUp = async () => {
    const db = database().db;
    const ws = await newReportsWorkspace(database());
    const ana = await ws.addUser("Ana");
    const bruno = await ws.addUser("Bruno");
    const team = async (name: string, members: string[]) => {
      const id = randomUUID();
      await db.insert(teams).values({ id, workspaceId: ws.workspaceId, name });
      if (members.length)
        await db.insert(teamMembers).values(members.map((userId) => ({ teamId: id, userId, workspaceId: ws.workspaceId })));
      return id;
    };
    const support = await team("Suporte", [ana, bruno]);
    const sales = await team("Vendas", [ana]);
    const empty = await team("Vazio", []);
    const ch = ws.salesChannel;
    const c1 = await ws.addConversation({ channelId: ch, openedAt: "2026-03-05T12:00:00Z", assigneeId: ana });
    const c2 = await ws.addConversation({ channelId: ch, openedAt: "2026-03-05T12:00:00Z", assigneeId: bruno });
    const c3 = await ws.addConversation({
      channelId: ch,
      openedAt: "2026-03-05T12:00:00Z",
      resolvedAt: "2026-03-06T12:00:00Z",
      resolvedById: bruno,
    });
    const d = (conversationId: string, agentId: string, seconds: number) => ({
      kind: "first_response" as const,
      conversationId,
      agentId,
      seconds,
      at: "2026-03-05T13:00:00Z",
      channelId: ch,
    });
    // Both touch c1: the team handled it once. Pooled: 10, 20, 30, 40 → median 25; the mean of the two medians would be 20.
    await ws.durations([d(c1.id, ana, 10), d(c1.id, bruno, 20), d(c2.id, bruno, 30), d(c3.id, bruno, 40)]);
    await ws.events([
      { metric: "message.out", at: "2026-03-05T14:00:00Z", channelId: ch, agentId: ana, dim: "text", count: 5 },
      { metric: "message.out", at: "2026-03-05T14:00:00Z", channelId: ch, agentId: bruno, dim: "text", count: 2 },
    ]);
    const session = (userId: string, startedAt: string, endedAt: string) => ({
      id: randomUUID(),
      workspaceId: ws.workspaceId,
      userId,
      startedAt: new Date(startedAt),
      lastSeenAt: new Date(endedAt),
      endedAt: new Date(endedAt),
    });
    await db
      .insert(agentPresence)
      .values([
        session(ana, "2026-03-05T12:00:00Z", "2026-03-05T13:00:00Z"),
        session(bruno, "2026-03-05T12:00:00Z", "2026-03-05T12:30:00Z"),
      ]);
    return { ws, ana, support, sales, empty };
  };

  run("pools the members' numbers: distinct conversations, pooled durations, summed messages and online time", async () => {
    const { ws, support, sales, empty } = await setUp();
    const report = await teamsReport(database().db, await ws.context(range, NOW));
    expect(teamsReportSchema.parse(report)).toEqual(report);
    expect(report.teams.map((t) => [t.name, t.members])).toEqual([
      ["Suporte", 2],
      ["Vazio", 0],
      ["Vendas", 1],
    ]);
    expect(report.teams[0]).toEqual({
      teamId: support,
      name: "Suporte",
      members: 2,
      conversationsHandled: 3,
      conversationsResolved: 1,
      messagesSent: 7,
      firstResponse: { count: 4, median: 25, p90: 37, average: 25 },
      reply: { count: 0, median: null, p90: null, average: null },
      resolution: { count: 0, median: null, p90: null, average: null },
      openNow: 2,
      onlineSeconds: 5400,
      csatAverage: null,
    });
    expect(report.teams[1]).toMatchObject({ teamId: empty, conversationsHandled: 0, messagesSent: 0, openNow: 0, onlineSeconds: 0 });
    expect(report.teams[2]).toMatchObject({
      teamId: sales,
      conversationsHandled: 1,
      conversationsResolved: 0,
      messagesSent: 5,
      firstResponse: { count: 1, median: 10, p90: 10, average: 10 },
      openNow: 1,
      onlineSeconds: 3600,
    });
  });

  run("a team filter keeps the teams sharing its members, counting only them", async () => {
    const { ws, sales } = await setUp();
    const report = await teamsReport(database().db, await ws.context({ ...range, teamId: sales }, NOW));
    expect(report.teams.map((t) => t.name)).toEqual(["Suporte", "Vendas"]);
    expect(report.teams[0]).toMatchObject({
      members: 2,
      conversationsHandled: 1,
      messagesSent: 5,
      firstResponse: { count: 1, median: 10 },
    });
  });
});
