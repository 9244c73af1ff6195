import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import type { ReportMetric } from "../../../db/schema/reports.ts";
import { bucketsOf, type ReportContext, rangeOf } from "../context.ts";
import type { deliveryReport as deliveryReportSchema } from "../schemas.ts";
import { type CounterRow, sumCounters } from "./counters.ts";
import { rejectTagFilter } from "./tag-filter.ts";

export type DeliveryReport = z.infer<typeof deliveryReportSchema>;

const STATES = ["sent", "delivered", "read", "failed"] as const;
type State = (typeof STATES)[number];
type Counts = Record<State, number>;

const STATUS_METRICS = ["status.sent", "status.delivered", "status.read", "status.failed"] as const satisfies ReportMetric[];
const TEMPLATE_METRICS = ["template.sent", "template.delivered", "template.read", "template.failed"] as const satisfies ReportMetric[];
const CAMPAIGN_METRICS = ["campaign.sent", "campaign.delivered", "campaign.read", "campaign.failed"] as const satisfies ReportMetric[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const zero = (): Counts => ({ sent: 0, delivered: 0, read: 0, failed: 0 });
/** `status.read` → `read`. */
const stateOf = (metric: ReportMetric): State => metric.slice(metric.indexOf(".") + 1) as State;
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const bySentThenName =
  <T extends Counts>(name: (row: T) => string) =>
  (a: T, b: T) =>
    b.sent - a.sent || b.failed - a.failed || name(a).localeCompare(name(b));

/** Adds counter rows into per-key counts (key = the row's dim, channel, bucket…). */
function tally<K>(rows: CounterRow[], keyOf: (row: CounterRow) => K): Map<K, Counts> {
  const out = new Map<K, Counts>();
  for (const row of rows) {
    const key = keyOf(row);
    const counts = out.get(key) ?? zero();
    counts[stateOf(row.metric)] += row.count;
    out.set(key, counts);
  }
  return out;
}

/**
 * Delivery of outbound messages over the context's range, from the counters (each message counted once per state
 * it first reached, at the moment it reached it; filters: channel, agent = the sender):
 * - totals: status.sent / delivered / read / failed; deliveredRate = delivered / sent, readRate = read / delivered,
 *   failedRate = failed / (sent + failed); each null when its denominator is 0;
 * - series: the four counts per bucket (every bucket, zeros included);
 * - failuresByCode: status.failed by error code, most first (ties by code);
 * - byChannel: the four counts per channel with its name (channels with a count), most sent first;
 * - byTemplate: template.* by template name; campaigns: campaign.* by campaign, with the campaign's name and status
 *   (campaigns still existing and with a count), most sent first.
 * A tag filter is refused (reports.filter_unsupported).
 */
export async function deliveryReport(db: DbOrTx, ctx: ReportContext): Promise<DeliveryReport> {
  rejectTagFilter(ctx, "delivery");
  const [statusRows, breakdownRows] = await Promise.all([
    sumCounters(db, ctx, STATUS_METRICS, ["bucket", "channel", "dim"]),
    sumCounters(db, ctx, [...TEMPLATE_METRICS, ...CAMPAIGN_METRICS], ["dim"]),
  ]);

  const totals = tally(statusRows, () => "all").get("all") ?? zero();
  const perBucket = tally(statusRows, (row) => row.bucketStart?.getTime() ?? 0);
  const perChannel = tally(statusRows, (row) => row.channelId ?? "");
  const failures = new Map<string, number>();
  for (const row of statusRows)
    if (row.metric === "status.failed") failures.set(row.dim ?? "", (failures.get(row.dim ?? "") ?? 0) + row.count);
  const perTemplate = tally(
    breakdownRows.filter((row) => row.metric.startsWith("template.")),
    (row) => row.dim ?? "",
  );
  const perCampaign = tally(
    breakdownRows.filter((row) => row.metric.startsWith("campaign.") && UUID.test(row.dim ?? "")),
    (row) => (row.dim ?? "").toLowerCase(),
  );

  const channelIds = [...perChannel.keys()];
  const campaignIds = [...perCampaign.keys()];
  const [channelRows, campaignRows] = await Promise.all([
    channelIds.length === 0
      ? Promise.resolve([])
      : queryRows<{ id: string; name: string }>(
          db,
          sql`select id, name from channels where workspace_id = ${ctx.workspaceId} and id in (${sql.join(
            channelIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
        ),
    campaignIds.length === 0
      ? Promise.resolve([])
      : queryRows<{ id: string; name: string; status: string }>(
          db,
          sql`select id, name, status from campaigns where workspace_id = ${ctx.workspaceId} and id in (${sql.join(
            campaignIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
        ),
  ]);
  const channelNames = new Map(channelRows.map((row) => [row.id, row.name]));

  return {
    range: rangeOf(ctx),
    totals: {
      ...totals,
      deliveredRate: ratio(totals.delivered, totals.sent),
      readRate: ratio(totals.read, totals.delivered),
      failedRate: ratio(totals.failed, totals.sent + totals.failed),
    },
    series: bucketsOf(ctx).map(({ bucket, start }) => ({
      bucket,
      start: start.toISOString(),
      ...(perBucket.get(start.getTime()) ?? zero()),
    })),
    failuresByCode: [...failures]
      .filter(([, count]) => count > 0)
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    byChannel: [...perChannel]
      // A channel deleted since keeps its numbers under its id: its facts outlive it.
      .map(([channelId, counts]) => ({ channelId, name: channelNames.get(channelId) ?? channelId, ...counts }))
      .sort(bySentThenName((row) => row.name)),
    byTemplate: [...perTemplate].map(([template, counts]) => ({ template, ...counts })).sort(bySentThenName((row) => row.template)),
    campaigns: campaignRows
      .map((campaign) => ({
        campaignId: campaign.id,
        name: campaign.name,
        status: campaign.status,
        ...(perCampaign.get(campaign.id) ?? zero()),
      }))
      .sort(bySentThenName((row) => row.name)),
  };
}
