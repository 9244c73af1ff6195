import { randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import { DATABASE_KINDS } from "../../../testing/databases.test-utils.ts";
import { costReport as costReportSchema } from "../schemas.ts";
import { costReport } from "./cost.ts";
import { newReportsWorkspace, useReportsTestDb } from "./report-facts.test-utils.ts";

/* Range: local 2026-03-10..11 in America/Sao_Paulo (UTC−3) = [03-10T03:00Z, 03-12T03:00Z). */

describe.each(DATABASE_KINDS)("costReport (%s)", (kind) => {
  const { run, database } = useReportsTestDb(kind);

  const fixture = async () => {
    const ws = await newReportsWorkspace(database());
    const sales = ws.salesChannel;
    const support = ws.supportChannel;
    const ana = await ws.addUser("Ana");
    const blackFriday = await ws.addCampaign("Black Friday");
    const comeBack = await ws.addCampaign("Reativação", "running");
    await ws.rollups([
      { metric: "billable", at: "2026-03-10T15:00:00Z", channelId: sales, agentId: ana, dim: "marketing:BR", count: 10, total: 0.625 },
      { metric: "billable", at: "2026-03-10T15:00:00Z", channelId: sales, dim: "utility:BR", count: 4, total: 0.123456 },
      { metric: "campaign.billable", at: "2026-03-10T15:00:00Z", channelId: sales, dim: blackFriday, count: 10, total: 0.625 },
    ]);
    await ws.events([
      { metric: "billable", at: "2026-03-11T10:00:00Z", channelId: support, dim: "marketing:AR", total: 0.0618 },
      { metric: "billable", at: "2026-03-11T11:00:00Z", channelId: support, dim: "authentication:ZZ", count: 2, total: 0 },
      { metric: "billable", at: "2026-03-11T02:00:00Z", channelId: sales, dim: "marketing:BR", count: 2, total: 0.125 }, // 03-10 23:00 local
      { metric: "billable", at: "2026-03-09T12:00:00Z", channelId: sales, dim: "marketing:BR", count: 5, total: 1 }, // before the range
      { metric: "campaign.billable", at: "2026-03-11T10:00:00Z", channelId: support, dim: comeBack, total: 0.0618 },
      { metric: "campaign.billable", at: "2026-03-11T10:00:00Z", channelId: support, dim: randomUUID(), count: 3, total: 0.3 },
    ]);
    return { ws, ana, blackFriday, comeBack };
  };

  run("totals, series by local day, by category, country and campaign; money rounded to 4 decimals", async () => {
    const { ws, blackFriday, comeBack } = await fixture();
    const report = await costReport(database().db, await ws.context({ from: "2026-03-10", to: "2026-03-11" }));
    expect(costReportSchema.parse(report)).toEqual(report);
    expect(report.currency).toBe("USD");
    expect(report.totals).toEqual({ billable: 19, estimatedCost: 0.9353 });
    expect(report.series).toEqual([
      { bucket: "2026-03-10", start: "2026-03-10T03:00:00.000Z", billable: 16, estimatedCost: 0.8735 },
      { bucket: "2026-03-11", start: "2026-03-11T03:00:00.000Z", billable: 3, estimatedCost: 0.0618 },
    ]);
    expect(report.byCategory).toEqual([
      { category: "marketing", billable: 13, estimatedCost: 0.8118 },
      { category: "utility", billable: 4, estimatedCost: 0.1235 },
      { category: "authentication", billable: 2, estimatedCost: 0 },
    ]);
    expect(report.byCountry).toEqual([
      { country: "BR", billable: 16, estimatedCost: 0.8735 },
      { country: "AR", billable: 1, estimatedCost: 0.0618 },
      { country: "ZZ", billable: 2, estimatedCost: 0 },
    ]);
    expect(report.byCampaign).toEqual([
      { campaignId: blackFriday, name: "Black Friday", billable: 10, estimatedCost: 0.625 },
      { campaignId: comeBack, name: "Reativação", billable: 1, estimatedCost: 0.0618 },
    ]);
  });

  run("agent and channel filters; a tag filter is refused; nothing billed is zero", async () => {
    const { ws, ana } = await fixture();
    const ofAna = await costReport(database().db, await ws.context({ from: "2026-03-10", to: "2026-03-11", agentId: ana }));
    expect(ofAna.totals).toEqual({ billable: 10, estimatedCost: 0.625 });
    expect(ofAna.byCategory).toEqual([{ category: "marketing", billable: 10, estimatedCost: 0.625 }]);
    expect(ofAna.byCampaign).toEqual([]);

    const support = await costReport(
      database().db,
      await ws.context({ from: "2026-03-10", to: "2026-03-11", channelId: ws.supportChannel }),
    );
    expect(support.totals).toEqual({ billable: 3, estimatedCost: 0.0618 });
    expect(support.byCountry.map((c) => c.country)).toEqual(["AR", "ZZ"]);

    const before = await costReport(database().db, await ws.context({ from: "2026-03-01", to: "2026-03-05" }));
    expect(before.totals).toEqual({ billable: 0, estimatedCost: 0 });
    expect(before.series).toHaveLength(5);
    expect([before.byCategory, before.byCountry, before.byCampaign]).toEqual([[], [], []]);

    await expect(costReport(database().db, await ws.context({ tag: "vip" }))).rejects.toMatchObject({
      code: "reports.filter_unsupported",
      status: 400,
      details: { field: "tag" },
    });
  });
});
