import type { z } from "zod";
import type { DbOrTx } from "../../../db/client.ts";
import { bucketsOf, type ReportContext, rangeOf } from "../context.ts";
import type { speedReport as speedReportSchema } from "../schemas.ts";
import { durationStatsByMonth, usesMonthHistograms } from "./duration-months.ts";
import { durationStats, statOf } from "./durations.ts";

export type SpeedReport = z.infer<typeof speedReportSchema>;

const KINDS = ["first_response", "reply", "resolution"] as const;

/**
 * How fast conversations are answered and closed: report_durations of kind first_response (first agent answer after
 * the customer started waiting), reply (every later answer to a waiting customer) and resolution (opened → resolved)
 * whose end (`at`) is in the range; the series puts each in the bucket of its `at`. Filters: channel, agent
 * (the duration's agent), tag. Business-hours seconds when asked. A month series over more than a quarter reads
 * closed months from their histograms (`percentiles: "approximate"`: medians and p90 within 1%).
 */
export async function speedReport(db: DbOrTx, ctx: ReportContext): Promise<SpeedReport> {
  const approximate = usesMonthHistograms(ctx);
  const stats = approximate ? await durationStatsByMonth(db, ctx, KINDS) : await durationStats(db, ctx, KINDS, "bucket");
  return {
    range: rangeOf(ctx),
    percentiles: approximate ? "approximate" : "exact",
    firstResponse: statOf(stats.totals, "first_response"),
    reply: statOf(stats.totals, "reply"),
    resolution: statOf(stats.totals, "resolution"),
    series: bucketsOf(ctx).map((b) => {
      const group = stats.byGroup.get(b.start.toISOString());
      return {
        bucket: b.bucket,
        start: b.start.toISOString(),
        firstResponse: statOf(group, "first_response"),
        reply: statOf(group, "reply"),
        resolution: statOf(group, "resolution"),
      };
    }),
  };
}
