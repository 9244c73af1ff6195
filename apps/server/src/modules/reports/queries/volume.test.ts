import { describe, expect } from "vitest";
import { DATABASE_KINDS } from "../../../testing/databases.test-utils.ts";
import { volumeReport as volumeReportSchema } from "../schemas.ts";
import { newReportsWorkspace, useReportsTestDb } from "./report-facts.test-utils.ts";
import { volumeReport } from "./volume.ts";

describe.each(DATABASE_KINDS)("volumeReport (%s)", (kind) => {
  const { run, database } = useReportsTestDb(kind);

  const setUp = async () => {
    const ws = await newReportsWorkspace(database());
    const ana = await ws.addUser("Ana");
    const bruno = await ws.addUser("Bruno");
    // Opened 12:00 local on the 5th, resolved 23:30 local on the 5th (02:30Z on the 6th).
    await ws.addConversation({
      channelId: ws.salesChannel,
      openedAt: "2026-03-05T15:00:00Z",
      assigneeId: ana,
      resolvedAt: "2026-03-06T02:30:00Z",
      resolvedById: ana,
    });
    await ws.addConversation({ channelId: ws.supportChannel, openedAt: "2026-03-06T02:30:00Z", tags: ["vip"], assigneeId: bruno });
    // Opened before the range: only its resolution counts.
    await ws.addConversation({
      channelId: ws.salesChannel,
      openedAt: "2026-02-20T12:00:00Z",
      resolvedAt: "2026-03-10T12:00:00Z",
      resolvedById: bruno,
    });
    await ws.events([
      { metric: "message.in", at: "2026-03-05T15:00:00Z", channelId: ws.salesChannel, dim: "text", count: 3 },
      { metric: "message.in", at: "2026-03-06T02:30:00Z", channelId: ws.supportChannel, dim: "image" },
      { metric: "message.out", at: "2026-03-05T16:00:00Z", channelId: ws.salesChannel, agentId: ana, dim: "text", count: 2 },
      { metric: "message.out_by", at: "2026-03-05T16:00:00Z", channelId: ws.salesChannel, agentId: ana, dim: "agent", count: 2 },
      { metric: "message.out", at: "2026-03-05T15:00:10Z", channelId: ws.salesChannel, dim: "text" },
      { metric: "message.out_by", at: "2026-03-05T15:00:10Z", channelId: ws.salesChannel, dim: "bot" },
      // Outside the range.
      { metric: "message.in", at: "2026-03-16T03:00:00Z", channelId: ws.salesChannel, dim: "text", count: 50 },
    ]);
    await ws.rollups([{ metric: "message.in", at: "2026-03-10T12:00:00Z", channelId: ws.salesChannel, dim: "audio", count: 4 }]);
    return { ws, ana, bruno };
  };
  const range = { from: "2026-03-02", to: "2026-03-15" };

  run("counts conversations opened and resolved and messages by day, type, sender and channel", async () => {
    const { ws } = await setUp();
    const report = await volumeReport(database().db, await ws.context(range));
    expect(volumeReportSchema.parse(report)).toEqual(report);
    expect(report.totals).toEqual({ conversationsOpened: 2, conversationsResolved: 2, messagesIn: 8, messagesOut: 3 });
    const day = (bucket: string) => report.series.find((s) => s.bucket === bucket);
    expect(day("2026-03-05")).toEqual({
      bucket: "2026-03-05",
      start: "2026-03-05T03:00:00.000Z",
      conversationsOpened: 2,
      conversationsResolved: 1,
      messagesIn: 4,
      messagesOut: 3,
    });
    expect(day("2026-03-06")).toMatchObject({ conversationsOpened: 0, conversationsResolved: 0, messagesIn: 0 });
    expect(day("2026-03-10")).toMatchObject({ conversationsResolved: 1, messagesIn: 4 });
    expect(report.messagesByType).toEqual([
      { type: "text", in: 3, out: 3 },
      { type: "audio", in: 4, out: 0 },
      { type: "image", in: 1, out: 0 },
    ]);
    expect(report.messagesOutBySender).toEqual({ agent: 2, bot: 1, system: 0, campaign: 0 });
    expect(report.byChannel).toEqual([
      { channelId: ws.supportChannel, name: "Suporte", conversationsOpened: 1, conversationsResolved: 0, messagesIn: 1, messagesOut: 0 },
      { channelId: ws.salesChannel, name: "Vendas", conversationsOpened: 1, conversationsResolved: 2, messagesIn: 7, messagesOut: 3 },
    ]);
  });

  run("a tag keeps its contacts' conversations and nulls the message numbers", async () => {
    const { ws } = await setUp();
    const report = await volumeReport(database().db, await ws.context({ ...range, tag: "vip" }));
    expect(volumeReportSchema.parse(report)).toEqual(report);
    expect(report.totals).toEqual({ conversationsOpened: 1, conversationsResolved: 0, messagesIn: null, messagesOut: null });
    expect(report.messagesByType).toBeNull();
    expect(report.messagesOutBySender).toBeNull();
    expect(report.series.find((s) => s.bucket === "2026-03-05")).toMatchObject({ conversationsOpened: 1, messagesIn: null });
  });

  run("an agent filter counts opened by assignee, resolved by resolver, messages by sender", async () => {
    const { ws, ana, bruno } = await setUp();
    const byAna = await volumeReport(database().db, await ws.context({ ...range, agentId: ana }));
    expect(byAna.totals).toEqual({ conversationsOpened: 1, conversationsResolved: 1, messagesIn: 0, messagesOut: 2 });
    const byBruno = await volumeReport(database().db, await ws.context({ ...range, agentId: bruno }));
    expect(byBruno.totals).toEqual({ conversationsOpened: 1, conversationsResolved: 1, messagesIn: 0, messagesOut: 0 });
    const sales = await volumeReport(database().db, await ws.context({ ...range, channelId: ws.salesChannel }));
    expect(sales.totals).toEqual({ conversationsOpened: 1, conversationsResolved: 2, messagesIn: 7, messagesOut: 3 });
    expect(sales.byChannel.map((c) => c.name)).toEqual(["Vendas"]);
  });
});
