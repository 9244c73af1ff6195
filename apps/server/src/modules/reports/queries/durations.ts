import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import type { DurationKind } from "../../../db/schema/reports.ts";
import type { ReportContext } from "../context.ts";
import {
  agentCondition,
  bucketOf,
  channelCondition,
  conversationTagCondition,
  epochKey,
  instantBetween,
  toNumber,
} from "./fact-filters.ts";

/** count, median, p90 and average of a set of durations, in seconds; the three are null when count is 0. */
export interface DurationStat {
  count: number;
  median: number | null;
  p90: number | null;
  average: number | null;
}

export const emptyStat = (): DurationStat => ({ count: 0, median: null, p90: null, average: null });

/**
 * What durations are grouped by besides their kind: the series bucket of `at`, the agent, or the agent's teams
 * (current members; an agent in two teams counts in both).
 */
export type DurationGroup = "bucket" | "agent" | "team";

export interface DurationStats {
  /** Per kind over every duration matched: without `by` and with "bucket" only (a team's would count a shared agent twice). */
  totals: Map<DurationKind, DurationStat>;
  /** Per group key (bucket start as ISO, user id or team id), then per kind. */
  byGroup: Map<string, Map<DurationKind, DurationStat>>;
}

/** The seconds column a context reads: business-hours time or calendar time. */
export const secondsColumn = (ctx: Pick<ReportContext, "businessHours">, alias: string): SQL =>
  sql.raw(ctx.businessHours ? `${alias}.business_seconds` : `${alias}.seconds`);

/**
 * The report_durations rows of the given kinds that ended (`at`) in [start, end) and pass the context's channel,
 * agent (report_durations.agent_id) and tag filters. `start`/`end` default to the context's range.
 */
export function durationConditions(ctx: ReportContext, kinds: readonly DurationKind[], alias = "d", start = ctx.start, end = ctx.end): SQL {
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  return sql.join(
    [
      sql`${col("workspace_id")} = ${ctx.workspaceId}::uuid`,
      sql`${col("kind")} in (${sql.join(
        kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`,
      instantBetween(col("at"), start, end),
      channelCondition(ctx, col("channel_id")),
      agentCondition(ctx, col("agent_id")),
      conversationTagCondition(ctx, col("conversation_id")),
    ],
    sql` and `,
  );
}

/**
 * Duration statistics in one statement: per kind in total, and per kind and group when `by` is given. Median and p90
 * are `percentile_cont` (linear interpolation: 10, 20, 30, 40 → median 25, p90 37); the average is the mean. Seconds
 * are business-hours seconds when the context asks for them.
 */
export async function durationStats(
  db: DbOrTx,
  ctx: ReportContext,
  kinds: readonly DurationKind[],
  by?: DurationGroup,
): Promise<DurationStats> {
  const stats: DurationStats = { totals: new Map(), byGroup: new Map() };
  if (kinds.length === 0) return stats;
  const seconds = secondsColumn(ctx, "d");
  // Grouped on the native value; turned into text once per group, not once per row.
  let groupKey: SQL = sql`null::text`;
  let groupText: SQL = sql`g`;
  let teamJoin: SQL = sql``;
  if (by === "bucket") {
    groupKey = bucketOf(ctx, sql`d.at`);
    groupText = sql`extract(epoch from g)::text`;
  } else if (by === "agent") {
    groupKey = sql`d.agent_id`;
    groupText = sql`g::text`;
  } else if (by === "team") {
    groupKey = sql`tm.team_id`;
    groupText = sql`g::text`;
    teamJoin = sql`join team_members tm on tm.user_id = d.agent_id and tm.workspace_id = d.workspace_id`;
  }
  // Totals and groups are grouping sets of the same scan; a group of "team" leaves the totals out.
  // Only the series needs its totals too (one scan, two grouping sets); per-person callers do not read them.
  const withTotals = by === "bucket";
  const grouping = withTotals ? sql`group by grouping sets ((kind), (kind, g))` : sql`group by kind, g`;
  const rows = await queryRows<{
    kind: DurationKind;
    g: string | null;
    grouped: number | string;
    count: number | string;
    pct: number[] | string | null;
    average: number | string | null;
  }>(
    db,
    sql`select kind, ${groupText} as g, ${withTotals ? sql`1 - grouping(g)` : sql`1`} as grouped,
        count(*) as count,
        percentile_cont(array[0.5, 0.9]::float8[]) within group (order by s) as pct,
        avg(s) as average
      from (
        select d.kind as kind, ${groupKey} as g, ${seconds} as s
        from report_durations d ${teamJoin}
        where ${durationConditions(ctx, kinds)}
      ) facts
      ${grouping}`,
  );
  for (const row of rows) {
    const [median, p90] = parsePercentiles(row.pct);
    const stat: DurationStat = { count: toNumber(row.count), median, p90, average: row.average === null ? null : Number(row.average) };
    if (toNumber(row.grouped) === 0 || by === undefined) {
      stats.totals.set(row.kind, stat);
      continue;
    }
    const key = by === "bucket" ? epochKey(row.g) : (row.g ?? "");
    let group = stats.byGroup.get(key);
    if (!group) {
      group = new Map();
      stats.byGroup.set(key, group);
    }
    group.set(row.kind, stat);
  }
  return stats;
}

/** `float8[]` arrives parsed (node-postgres, PGlite) or as its text form `{25,37}`, depending on the driver. */
function parsePercentiles(value: number[] | string | null): [number | null, number | null] {
  if (value === null) return [null, null];
  const list = typeof value === "string" ? value.replace(/[{}]/g, "").split(",").map(Number) : value.map(Number);
  return [list[0] ?? null, list[1] ?? null];
}

/** The stat of a kind, or an empty one. */
export const statOf = (stats: Map<DurationKind, DurationStat> | undefined, kind: DurationKind): DurationStat =>
  stats?.get(kind) ?? emptyStat();
