import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import { ALL_AGENTS, type ReportMetric } from "../../../db/schema/reports.ts";
import type { ReportContext } from "../context.ts";

/** What a counter sum can be grouped by. `bucket` is the series bucket of the context's granularity and zone. */
export type CounterGroup = "bucket" | "channel" | "agent" | "dim";

export interface CounterRow {
  metric: ReportMetric;
  /** Present when grouped by bucket: the bucket's start (matches `bucketsOf`). */
  bucketStart?: Date;
  channelId?: string;
  /** Present when grouped by agent: the agent (facts without an agent are not in an agent grouping). */
  agentId?: string | null;
  dim?: string;
  count: number;
  total: number;
}

/**
 * Sums of counter metrics over the context's range and filters (channel, agents), grouped as asked: the rollups plus
 * the events not folded yet, read in one statement so a fold running meanwhile is seen before or after, never half.
 * Day, week and month series in the workspace's own zone read its day rollups (exact day edges in any zone); hour
 * series and other zones read UTC-hour rollups — in a zone whose offset is not a whole number of hours, a day's edge
 * hour is then counted in the day where the hour starts (documented in docs/metrics.md). Without an agent filter or
 * grouping only the all-agents rows are read, so the work does not grow with the team.
 */
export async function sumCounters(
  db: DbOrTx,
  ctx: ReportContext,
  metrics: readonly ReportMetric[],
  groupBy: readonly CounterGroup[],
): Promise<CounterRow[]> {
  if (metrics.length === 0) return [];
  if (ctx.agentIds && ctx.agentIds.length === 0) return [];
  const metricList = sql.join(
    metrics.map((m) => sql`${m}`),
    sql`, `,
  );
  const grain = ctx.granularity !== "hour" && ctx.timeZone === ctx.workspaceTimeZone ? "day" : "hour";
  const byAgent = groupBy.includes("agent");
  const agentList = ctx.agentIds
    ? sql.join(
        ctx.agentIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )
    : undefined;
  const filters = (table: "r" | "e", time: SQL): SQL => {
    const t = sql.raw(table);
    const parts: SQL[] = [
      sql`${t}.workspace_id = ${ctx.workspaceId}`,
      sql`${t}.metric in (${metricList})`,
      sql`${time} >= ${ctx.start.toISOString()}::timestamptz`,
      sql`${time} < ${ctx.end.toISOString()}::timestamptz`,
    ];
    if (table === "r") parts.push(sql`r.grain = ${grain}`);
    if (ctx.channelId) parts.push(sql`${t}.channel_id = ${ctx.channelId}`);
    if (agentList) parts.push(sql`${t}.agent_id in (${agentList})`);
    else if (table === "r") parts.push(byAgent ? sql`r.agent_id <> ${ALL_AGENTS}::uuid` : sql`r.agent_id = ${ALL_AGENTS}::uuid`);
    else if (byAgent) parts.push(sql`e.agent_id is not null`);
    return sql.join(parts, sql` and `);
  };
  const unit = ctx.granularity;
  const columns = (table: "r" | "e", time: SQL): SQL[] => {
    const t = sql.raw(table);
    const out: SQL[] = [sql`${t}.metric as metric`];
    if (groupBy.includes("bucket")) out.push(sql`date_trunc(${unit}, ${time}, ${ctx.timeZone}) as bucket_start`);
    if (groupBy.includes("channel")) out.push(sql`${t}.channel_id as channel_id`);
    if (byAgent) out.push(sql`${t}.agent_id as agent_id`);
    if (groupBy.includes("dim")) out.push(sql`${t}.dim as dim`);
    return out;
  };
  const keys = [
    "metric",
    ...groupBy.map((g) => (g === "bucket" ? "bucket_start" : g === "channel" ? "channel_id" : g === "agent" ? "agent_id" : "dim")),
  ];
  const rollupTime = sql`r.period_start`;
  const eventTime = sql`e.at`;
  const rows = await queryRows<{
    metric: ReportMetric;
    bucket_start?: Date | string;
    channel_id?: string;
    agent_id?: string | null;
    dim?: string;
    count: string | number;
    total: string | number;
  }>(
    db,
    sql`select ${sql.raw(keys.join(", "))}, sum(count)::bigint as count, sum(total)::float8 as total from (
      select ${sql.join(columns("r", rollupTime), sql`, `)}, r.count as count, r.total as total
        from report_rollups r where ${filters("r", rollupTime)}
      union all
      select ${sql.join(columns("e", eventTime), sql`, `)}, e.count as count, e.total as total
        from report_events e where ${filters("e", eventTime)}
    ) facts group by ${sql.raw(keys.join(", "))}`,
  );
  return rows.map((row) => {
    const out: CounterRow = { metric: row.metric, count: Number(row.count), total: Number(row.total) };
    if (row.bucket_start !== undefined) out.bucketStart = new Date(row.bucket_start);
    if (row.channel_id !== undefined) out.channelId = row.channel_id;
    if (row.agent_id !== undefined) out.agentId = row.agent_id;
    if (row.dim !== undefined) out.dim = row.dim;
    return out;
  });
}
