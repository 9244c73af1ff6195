import { randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import { DATABASE_KINDS } from "../../../testing/databases.test-utils.ts";
import { deliveryReport as deliveryReportSchema } from "../schemas.ts";
import { deliveryReport } from "./delivery.ts";
import { newReportsWorkspace, useReportsTestDb } from "./report-facts.test-utils.ts";

/* Range: local 2026-03-10..11 in America/Sao_Paulo (UTC−3) = [03-10T03:00Z, 03-12T03:00Z). */

describe.each(DATABASE_KINDS)("deliveryReport (%s)", (kind) => {
  const { run, database } = useReportsTestDb(kind);

  const fixture = async () => {
    const ws = await newReportsWorkspace(database());
    const sales = ws.salesChannel;
    const support = ws.supportChannel;
    const ana = await ws.addUser("Ana");
    const blackFriday = await ws.addCampaign("Black Friday", "completed");
    const comeBack = await ws.addCampaign("Reativação", "running");
    await ws.rollups([
      { metric: "status.sent", at: "2026-03-10T15:00:00Z", channelId: sales, agentId: ana, count: 10 },
      { metric: "status.sent", at: "2026-03-10T15:00:00Z", channelId: support, count: 5 },
      { metric: "status.delivered", at: "2026-03-10T15:00:00Z", channelId: sales, agentId: ana, count: 8 },
      { metric: "status.read", at: "2026-03-10T16:00:00Z", channelId: sales, agentId: ana, count: 4 },
      { metric: "status.failed", at: "2026-03-10T15:00:00Z", channelId: sales, agentId: ana, dim: "131026", count: 2 },
      { metric: "template.sent", at: "2026-03-10T15:00:00Z", channelId: sales, dim: "boas_vindas", count: 6 },
      { metric: "template.delivered", at: "2026-03-10T15:00:00Z", channelId: sales, dim: "boas_vindas", count: 5 },
      { metric: "template.failed", at: "2026-03-10T15:00:00Z", channelId: sales, dim: "boas_vindas", count: 1 },
      { metric: "campaign.sent", at: "2026-03-10T15:00:00Z", channelId: sales, dim: blackFriday, count: 6 },
      { metric: "campaign.delivered", at: "2026-03-10T15:00:00Z", channelId: sales, dim: blackFriday, count: 5 },
      { metric: "campaign.read", at: "2026-03-10T16:00:00Z", channelId: sales, dim: blackFriday, count: 2 },
    ]);
    await ws.events([
      { metric: "status.sent", at: "2026-03-11T10:00:00Z", channelId: support, count: 5 },
      { metric: "status.delivered", at: "2026-03-11T10:00:00Z", channelId: support, count: 4 },
      { metric: "status.failed", at: "2026-03-11T10:00:00Z", channelId: support, dim: "131047" },
      { metric: "status.failed", at: "2026-03-11T11:00:00Z", channelId: support, dim: "papo.opted_out" },
      { metric: "status.failed", at: "2026-03-11T02:59:59Z", channelId: sales, agentId: ana, dim: "131026" }, // 03-10 23:59 local
      { metric: "status.sent", at: "2026-03-12T03:00:00Z", channelId: sales, count: 100 }, // after the range
      { metric: "template.sent", at: "2026-03-11T10:00:00Z", channelId: support, dim: "lembrete", count: 3 },
      { metric: "template.read", at: "2026-03-11T12:00:00Z", channelId: support, dim: "lembrete" },
      { metric: "campaign.sent", at: "2026-03-11T10:00:00Z", channelId: sales, dim: comeBack, count: 2 },
      { metric: "campaign.failed", at: "2026-03-11T10:00:00Z", channelId: sales, dim: comeBack },
      // A campaign deleted since: its facts stay but it has no row to name it.
      { metric: "campaign.sent", at: "2026-03-11T10:00:00Z", channelId: sales, dim: randomUUID(), count: 9 },
    ]);
    return { ws, ana, blackFriday, comeBack };
  };

  run("totals, rates, series by local day, failures by code, channels, templates and campaigns", async () => {
    const { ws, blackFriday, comeBack } = await fixture();
    const report = await deliveryReport(database().db, await ws.context({ from: "2026-03-10", to: "2026-03-11" }));
    expect(deliveryReportSchema.parse(report)).toEqual(report);
    expect(report.totals).toEqual({ sent: 20, delivered: 12, read: 4, failed: 5, deliveredRate: 0.6, readRate: 4 / 12, failedRate: 0.2 });
    expect(report.series).toEqual([
      { bucket: "2026-03-10", start: "2026-03-10T03:00:00.000Z", sent: 15, delivered: 8, read: 4, failed: 3 },
      { bucket: "2026-03-11", start: "2026-03-11T03:00:00.000Z", sent: 5, delivered: 4, read: 0, failed: 2 },
    ]);
    expect(report.failuresByCode).toEqual([
      { code: "131026", count: 3 },
      { code: "131047", count: 1 },
      { code: "papo.opted_out", count: 1 },
    ]);
    expect(report.byChannel).toEqual([
      { channelId: ws.salesChannel, name: "Vendas", sent: 10, delivered: 8, read: 4, failed: 3 },
      { channelId: ws.supportChannel, name: "Suporte", sent: 10, delivered: 4, read: 0, failed: 2 },
    ]);
    expect(report.byTemplate).toEqual([
      { template: "boas_vindas", sent: 6, delivered: 5, read: 0, failed: 1 },
      { template: "lembrete", sent: 3, delivered: 0, read: 1, failed: 0 },
    ]);
    expect(report.campaigns).toEqual([
      { campaignId: blackFriday, name: "Black Friday", status: "completed", sent: 6, delivered: 5, read: 2, failed: 0 },
      { campaignId: comeBack, name: "Reativação", status: "running", sent: 2, delivered: 0, read: 0, failed: 1 },
    ]);
  });

  run("agent and channel filters, hour buckets", async () => {
    const { ws, ana } = await fixture();
    const ofAna = await deliveryReport(database().db, await ws.context({ from: "2026-03-10", to: "2026-03-11", agentId: ana }));
    expect(ofAna.totals).toEqual({ sent: 10, delivered: 8, read: 4, failed: 3, deliveredRate: 0.8, readRate: 0.5, failedRate: 3 / 13 });
    expect(ofAna.byChannel.map((c) => c.channelId)).toEqual([ws.salesChannel]);
    // Template and campaign facts here carry no agent.
    expect(ofAna.byTemplate).toEqual([]);
    expect(ofAna.campaigns).toEqual([]);

    const support = await deliveryReport(
      database().db,
      await ws.context({ from: "2026-03-10", to: "2026-03-11", channelId: ws.supportChannel }),
    );
    expect(support.totals).toEqual({ sent: 10, delivered: 4, read: 0, failed: 2, deliveredRate: 0.4, readRate: 0, failedRate: 2 / 12 });
    expect(support.byTemplate.map((t) => t.template)).toEqual(["lembrete"]);

    const hours = await deliveryReport(database().db, await ws.context({ from: "2026-03-10", to: "2026-03-10", granularity: "hour" }));
    expect(hours.series).toHaveLength(24);
    expect(hours.series.filter((s) => s.sent + s.delivered + s.read + s.failed > 0)).toEqual([
      { bucket: "2026-03-10T12:00", start: "2026-03-10T15:00:00.000Z", sent: 15, delivered: 8, read: 0, failed: 2 },
      { bucket: "2026-03-10T13:00", start: "2026-03-10T16:00:00.000Z", sent: 0, delivered: 0, read: 4, failed: 0 },
      { bucket: "2026-03-10T23:00", start: "2026-03-11T02:00:00.000Z", sent: 0, delivered: 0, read: 0, failed: 1 },
    ]);
  });

  run("nothing sent: zero counts and null rates; a tag filter is refused naming the field", async () => {
    const ws = await newReportsWorkspace(database());
    const empty = await deliveryReport(database().db, await ws.context({ from: "2026-03-10", to: "2026-03-10" }));
    expect(empty.totals).toEqual({ sent: 0, delivered: 0, read: 0, failed: 0, deliveredRate: null, readRate: null, failedRate: null });
    expect(empty.series).toEqual([{ bucket: "2026-03-10", start: "2026-03-10T03:00:00.000Z", sent: 0, delivered: 0, read: 0, failed: 0 }]);
    expect([empty.failuresByCode, empty.byChannel, empty.byTemplate, empty.campaigns]).toEqual([[], [], [], []]);
    await expect(deliveryReport(database().db, await ws.context({ tag: "vip" }))).rejects.toMatchObject({
      code: "reports.filter_unsupported",
      status: 400,
      details: { field: "tag" },
    });
  });
});
