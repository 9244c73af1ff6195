import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import { bucketsOf, type ReportContext, rangeOf } from "../context.ts";
import type { costReport as costReportSchema } from "../schemas.ts";
import { type CounterRow, sumCounters } from "./counters.ts";
import { rejectTagFilter } from "./tag-filter.ts";

export type CostReport = z.infer<typeof costReportSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The country of a billable fact whose number's country is unknown. */
const UNKNOWN_COUNTRY = "ZZ";

interface Sums {
  billable: number;
  cost: number;
}

/** Money is summed unrounded and rounded once, in the answer, to 4 decimals (a hundredth of a cent). */
const money = (usd: number): number => Math.round(usd * 10_000) / 10_000 + 0;
const answer = (sums: Sums | undefined) => ({ billable: sums?.billable ?? 0, estimatedCost: money(sums?.cost ?? 0) });
const byCostThenName =
  <T extends { billable: number; estimatedCost: number }>(name: (row: T) => string) =>
  (a: T, b: T) =>
    b.estimatedCost - a.estimatedCost || b.billable - a.billable || name(a).localeCompare(name(b));

/** `marketing:BR` → category `marketing`, country `BR`. */
function splitDim(dim: string): { category: string; country: string } {
  const colon = dim.lastIndexOf(":");
  if (colon < 0) return { category: dim, country: UNKNOWN_COUNTRY };
  return { category: dim.slice(0, colon), country: dim.slice(colon + 1) || UNKNOWN_COUNTRY };
}

function add<K>(into: Map<K, Sums>, key: K, row: CounterRow): void {
  const sums = into.get(key) ?? { billable: 0, cost: 0 };
  sums.billable += row.count;
  sums.cost += row.total;
  into.set(key, sums);
}

/**
 * Billable messages and their estimated spend (USD, per-message pricing from Meta's status pricing and the price
 * table, as the `billable` counter recorded it) over the context's range; filters: channel, agent = the sender.
 * - totals: billable = messages counted billable, estimatedCost = the sum of their estimated prices;
 * - series: the same per bucket (every bucket); byCategory / byCountry: by the pricing category and the number's
 *   country ("ZZ" unknown), most spent first;
 * - byCampaign: the `campaign.billable` counter by campaign, with its name (campaigns still existing), most spent first.
 * Money is rounded to 4 decimals in the answer. A tag filter is refused (reports.filter_unsupported).
 */
export async function costReport(db: DbOrTx, ctx: ReportContext): Promise<CostReport> {
  rejectTagFilter(ctx, "cost");
  const [billableRows, campaignRows] = await Promise.all([
    sumCounters(db, ctx, ["billable"], ["bucket", "dim"]),
    sumCounters(db, ctx, ["campaign.billable"], ["dim"]),
  ]);

  const totals: Sums = { billable: 0, cost: 0 };
  const perBucket = new Map<number, Sums>();
  const perCategory = new Map<string, Sums>();
  const perCountry = new Map<string, Sums>();
  for (const row of billableRows) {
    totals.billable += row.count;
    totals.cost += row.total;
    const { category, country } = splitDim(row.dim ?? "");
    add(perBucket, row.bucketStart?.getTime() ?? 0, row);
    add(perCategory, category, row);
    add(perCountry, country, row);
  }
  const perCampaign = new Map<string, Sums>();
  for (const row of campaignRows) if (UUID.test(row.dim ?? "")) add(perCampaign, (row.dim ?? "").toLowerCase(), row);

  const campaignIds = [...perCampaign.keys()];
  const campaigns =
    campaignIds.length === 0
      ? []
      : await queryRows<{ id: string; name: string }>(
          db,
          sql`select id, name from campaigns where workspace_id = ${ctx.workspaceId} and id in (${sql.join(
            campaignIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
        );

  return {
    range: rangeOf(ctx),
    currency: "USD",
    totals: answer(totals),
    series: bucketsOf(ctx).map(({ bucket, start }) => ({ bucket, start: start.toISOString(), ...answer(perBucket.get(start.getTime())) })),
    byCategory: [...perCategory].map(([category, sums]) => ({ category, ...answer(sums) })).sort(byCostThenName((row) => row.category)),
    byCountry: [...perCountry].map(([country, sums]) => ({ country, ...answer(sums) })).sort(byCostThenName((row) => row.country)),
    byCampaign: campaigns
      .map((campaign) => ({ campaignId: campaign.id, name: campaign.name, ...answer(perCampaign.get(campaign.id)) }))
      .sort(byCostThenName((row) => row.name)),
  };
}
