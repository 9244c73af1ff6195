import { randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import { agentPresence } from "../../../db/schema/reports.ts";
import { DATABASE_KINDS } from "../../../testing/databases.test-utils.ts";
import { overviewReport as overviewReportSchema } from "../schemas.ts";
import { overviewReport } from "./overview.ts";
import { newReportsWorkspace, useReportsTestDb } from "./report-facts.test-utils.ts";

const NOW = new Date("2026-03-10T12:00:00.000Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

describe.each(DATABASE_KINDS)("overviewReport (%s)", (kind) => {
  const { run, database } = useReportsTestDb(kind);

  run("counts the unresolved conversations by status, assignment, waiting, attention and bot; lists the agents online", async () => {
    const ws = await newReportsWorkspace(database());
    const other = await newReportsWorkspace(database());
    const ch = ws.salesChannel;
    const ana = await ws.addUser("Ana");
    const bruno = await ws.addUser("Bruno");
    const carla = await ws.addUser("Carla");

    await ws.addConversation({
      channelId: ch,
      waitingSince: "2026-03-10T10:00:00Z",
      sentiment: { label: "negative", score: -0.8, needsAttention: true },
    });
    const { id: longest } = await ws.addConversation({ channelId: ch, assigneeId: ana, waitingSince: "2026-03-10T09:30:00.250Z" });
    await ws.addConversation({ channelId: ws.supportChannel, status: "pending", assigneeId: ana });
    await ws.addConversation({ channelId: ch, handledBy: "bot" });
    await ws.addConversation({ channelId: ch, assigneeId: bruno, reported: false });
    // Resolved: left out of every count even with a stale waiting mark and attention flag.
    await ws.addConversation({
      channelId: ch,
      status: "resolved",
      resolvedAt: "2026-03-10T11:00:00Z",
      waitingSince: "2026-03-01T00:00:00Z",
      sentiment: { label: "negative", score: -0.9, needsAttention: true },
    });
    await ws.addConversation({ channelId: ch, status: "resolved", assigneeId: ana, resolvedAt: "2026-03-10T11:00:00Z" });
    // Another workspace's conversation waits longer: never seen here.
    await other.addConversation({ channelId: other.salesChannel, waitingSince: "2026-03-01T00:00:00Z" });

    const presence = (userId: string, startedAt: Date, lastSeenAt: Date, endedAt: Date | null = null) => ({
      id: randomUUID(),
      workspaceId: ws.workspaceId,
      userId,
      startedAt,
      lastSeenAt,
      endedAt,
    });
    await database()
      .db.insert(agentPresence)
      .values([
        // Ana: two tabs open (the earliest start counts) and an older, ended one.
        presence(ana, ago(4 * 3600), ago(10)),
        presence(ana, ago(3 * 3600), ago(5)),
        presence(ana, ago(6 * 3600), ago(5 * 3600), ago(5 * 3600)),
        // Bruno: not ended, but silent for 91 s — his process died.
        presence(bruno, ago(3600), ago(91)),
        // Carla: heartbeat 89 s ago still counts.
        presence(carla, ago(600), ago(89)),
      ]);

    const report = await overviewReport(database().db, { workspaceId: ws.workspaceId, now: NOW });
    expect(overviewReportSchema.parse(report)).toEqual(report);
    expect(report).toEqual({
      at: "2026-03-10T12:00:00.000Z",
      open: 4,
      pending: 1,
      unassigned: 1,
      waiting: 2,
      waitingLongest: { conversationId: longest, since: "2026-03-10T09:30:00.250Z", seconds: 8999.75 },
      needsAttention: 1,
      botActive: 1,
      agentsOnline: [
        { userId: ana, name: "Ana", since: ago(4 * 3600).toISOString(), openAssigned: 2 },
        { userId: carla, name: "Carla", since: ago(600).toISOString(), openAssigned: 0 },
      ],
    });
  });

  run("an empty workspace: zeros, nobody waiting, nobody online", async () => {
    const ws = await newReportsWorkspace(database());
    expect(await overviewReport(database().db, { workspaceId: ws.workspaceId, now: NOW })).toEqual({
      at: NOW.toISOString(),
      open: 0,
      pending: 0,
      unassigned: 0,
      waiting: 0,
      waitingLongest: null,
      needsAttention: 0,
      botActive: 0,
      agentsOnline: [],
    });
  });
});
