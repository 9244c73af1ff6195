import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import type { handoffReasonValues } from "../../../db/schema/bot-handoffs.ts";
import { bucketsOf, type ReportContext, rangeOf } from "../context.ts";
import type { botReport as botReportSchema } from "../schemas.ts";
import { durationStats, statOf } from "./durations.ts";
import { agentCondition, bucketOf, channelCondition, contactTagCondition, epochKey, instantBetween, toNumber } from "./fact-filters.ts";

export type BotReport = z.infer<typeof botReportSchema>;
type HandoffReason = (typeof handoffReasonValues)[number];

/** A conversation the bot closed alone: it answered, the conversation is resolved, never handed off, no person wrote. */
export const CONTAINED = sql`rc.bot_handled and rc.resolved_at is not null and rc.handed_off_at is null and rc.agent_messages = 0`;

/**
 * The cohort of the bot numbers: report_conversations opened in [start, end) passing the channel, agent (current
 * assignee) and tag filters.
 */
export function cohortConditions(ctx: ReportContext, start = ctx.start, end = ctx.end): SQL {
  return sql.join(
    [
      sql`rc.workspace_id = ${ctx.workspaceId}::uuid`,
      instantBetween(sql`rc.opened_at`, start, end),
      channelCondition(ctx, sql`rc.channel_id`),
      agentCondition(ctx, sql`rc.assignee_id`),
      contactTagCondition(ctx, sql`rc.contact_id`),
    ],
    sql` and `,
  );
}

/**
 * The bot's work on the conversations opened in the range (series by the bucket of opened_at):
 * - conversationsHandled: bot_handled;
 * - contained: bot_handled, resolved now (resolved_at not null), never handed off, agent_messages = 0;
 * - containmentRate: contained / handled (null when none handled);
 * - handedOff: handed_off_at not null (by handoff_reason in handoffsByReason);
 * - timeToHandoff: report_durations of kind handoff ending in the range (its own cohort: by `at`).
 */
export async function botReport(db: DbOrTx, ctx: ReportContext): Promise<BotReport> {
  const [seriesRows, reasonRows, stats] = await Promise.all([
    queryRows<{ bucket: string; handled: number | string; contained: number | string; handed_off: number | string }>(
      db,
      sql`select extract(epoch from bucket)::text as bucket, handled, contained, handed_off from (
          select ${bucketOf(ctx, sql`rc.opened_at`)} as bucket,
            count(*) filter (where rc.bot_handled) as handled,
            count(*) filter (where ${CONTAINED}) as contained,
            count(*) filter (where rc.handed_off_at is not null) as handed_off
          from report_conversations rc where ${cohortConditions(ctx)}
          group by 1
        ) grouped`,
    ),
    queryRows<{ reason: HandoffReason | null; count: number | string }>(
      db,
      sql`select rc.handoff_reason as reason, count(*) as count from report_conversations rc
          where ${cohortConditions(ctx)} and rc.handed_off_at is not null
          group by 1 order by 2 desc, 1`,
    ),
    durationStats(db, ctx, ["handoff"]),
  ]);
  const byBucket = new Map(seriesRows.map((r) => [epochKey(r.bucket), r]));
  let handled = 0;
  let contained = 0;
  let handedOff = 0;
  for (const r of seriesRows) {
    handled += toNumber(r.handled);
    contained += toNumber(r.contained);
    handedOff += toNumber(r.handed_off);
  }
  return {
    range: rangeOf(ctx),
    conversationsHandled: handled,
    contained,
    containmentRate: handled === 0 ? null : contained / handled,
    handedOff,
    // A handoff recorded without a reason has no row here: the reasons add up to handedOff or less.
    handoffsByReason: reasonRows.flatMap((r) => (r.reason === null ? [] : [{ reason: r.reason, count: toNumber(r.count) }])),
    timeToHandoff: statOf(stats.totals, "handoff"),
    series: bucketsOf(ctx).map((b) => {
      const r = byBucket.get(b.start.toISOString());
      return {
        bucket: b.bucket,
        start: b.start.toISOString(),
        handled: toNumber(r?.handled),
        contained: toNumber(r?.contained),
        handedOff: toNumber(r?.handed_off),
      };
    }),
  };
}
