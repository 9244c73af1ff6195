import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import { ALL_AGENTS, type DurationKind, durationKinds } from "../../../db/schema/reports.ts";
import { bucketsOf, localMidnight, type ReportContext, resolveReportContext } from "../context.ts";
import { addBucketCounts, addHistogram, bucketIndexSql, type Histogram, histogramPercentiles } from "../duration-histogram.ts";
import { type DurationStat, type DurationStats, durationConditions, emptyStat, secondsColumn } from "./durations.ts";
import { agentCondition, bucketOf, epochKey, toNumber } from "./fact-filters.ts";

/** Shorter ranges sort their durations exactly (fast enough); longer ones read whole months from histograms. */
const HISTOGRAM_MIN_DAYS = 92;
/** A month counts as closed this long after its end: a transaction that began before midnight has committed by then. */
const CLOSED_AFTER_MS = 3_600_000;

interface Month {
  start: Date;
  end: Date;
}

/**
 * Whether `durationStatsByMonth` answers this context: a month series over more than a quarter, without an agent, team
 * or tag filter (those narrow the durations below what a month's histogram keeps), with at least one closed month.
 */
export function usesMonthHistograms(ctx: ReportContext): boolean {
  if (ctx.granularity !== "month" || ctx.agentIds !== undefined || ctx.tag !== undefined) return false;
  if (ctx.end.getTime() - ctx.start.getTime() < HISTOGRAM_MIN_DAYS * 86_400_000) return false;
  return closedMonthsOf(ctx).length > 0;
}

/** The months wholly inside the range and over (in the context's zone), in order: a contiguous run. */
export function closedMonthsOf(ctx: ReportContext): Month[] {
  const buckets = bucketsOf(ctx);
  const months: Month[] = [];
  buckets.forEach((bucket, i) => {
    const next = buckets[i + 1]?.start ?? nextMonthStart(bucket.bucket, ctx);
    if (bucket.start >= ctx.start && next <= ctx.end && next.getTime() <= ctx.now.getTime() - CLOSED_AFTER_MS)
      months.push({ start: bucket.start, end: next });
  });
  return months;
}

function nextMonthStart(month: string, ctx: ReportContext): Date {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return localMidnight(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`, ctx.timeZone);
}

/** channel_id of the row that marks a month as summed (its count is 0, so it changes no figure). */
const NO_CHANNEL = "00000000-0000-0000-0000-000000000000";
/**
 * channel_id of an agent's rows over every channel: an agents report without a channel filter reads one row per agent,
 * kind and month instead of one per channel (the all-agents rows of the speed report are few either way).
 */
const ALL_CHANNELS = "ffffffff-ffff-ffff-ffff-ffffffffffff";

/** How far back the background pass sums months ahead of the first ask: a year series and the month before it. */
const PREFILL_MONTHS = 13;

/**
 * Sums, for every workspace with durations, the closed months of the last PREFILL_MONTHS in its own zone that are not
 * summed yet (the fold worker calls it now and then), so the first year-long ask does not pay for them. Returns how
 * many workspaces it looked at.
 */
export async function sumClosedMonths(db: Db, now: Date): Promise<number> {
  const workspaceIds = await queryRows<{ id: string }>(
    db,
    sql`select w.id::text as id from workspaces w where exists (select 1 from report_durations d where d.workspace_id = w.id)`,
  );
  const today = now.toISOString().slice(0, 10);
  const [y, m] = today.split("-").map(Number) as [number, number];
  const back = new Date(Date.UTC(y, m - 1 - PREFILL_MONTHS, 1)).toISOString().slice(0, 10);
  for (const { id } of workspaceIds) {
    const ctx = await resolveReportContext({ db, workspaceId: id, query: { from: back, to: today, granularity: "month" }, now });
    const months = closedMonthsOf(ctx);
    if (months.length > 0) await fillMonths(db, ctx, months);
  }
  return workspaceIds.length;
}

/**
 * Sums the closed months not summed yet for this zone into report_duration_months, from report_durations: both clocks,
 * every kind, per channel and agent. Two requests filling the same month write the same rows; the second's are ignored.
 */
async function fillMonths(db: DbOrTx, ctx: Pick<ReportContext, "workspaceId" | "timeZone">, months: Month[]): Promise<void> {
  const present = await queryRows<{ start: string }>(
    db,
    // The marker rows alone (written after each month's data): not every agent's row of every month.
    sql`select extract(epoch from month_start)::text as start from report_duration_months
        where workspace_id = ${ctx.workspaceId}::uuid and time_zone = ${ctx.timeZone} and business = true
          and agent_id = ${ALL_AGENTS}::uuid and kind = 'handoff' and channel_id = ${NO_CHANNEL}::uuid
          and month_start >= ${months[0]?.start.toISOString()}::timestamptz
          and month_start <= ${months[months.length - 1]?.start.toISOString()}::timestamptz`,
  );
  const have = new Set(present.map((row) => epochKey(row.start)));
  const missing = months.filter((month) => !have.has(month.start.toISOString()));
  // A statement per month: on PGlite (one connection) a year in one statement held every other request for seconds.
  for (const month of missing) await fillMonth(db, ctx, month);
}

async function fillMonth(db: DbOrTx, ctx: Pick<ReportContext, "workspaceId" | "timeZone">, month: Month): Promise<void> {
  const missingMonths = sql`(values (${month.start.toISOString()}::timestamptz, ${month.end.toISOString()}::timestamptz)) as m(month_start, month_end)`;
  // One pass over the month's durations, counted per agent, channel and bucket; each agent's all-channels rows and
  // the all-agents rows (durations without an agent too) are summed from those counts, not from more passes.
  await db.execute(sql`
    with per_agent as (
      select m.month_start, d.kind, v.business, d.channel_id, d.agent_id, ${bucketIndexSql(sql`v.s`)} as b, count(*) as n, sum(v.s) as total
      from ${missingMonths}
      join report_durations d on d.workspace_id = ${ctx.workspaceId}::uuid and d.at >= m.month_start and d.at < m.month_end
        and d.kind in (${sql.join(
          durationKinds.map((k) => sql`${k}`),
          sql`, `,
        )})
      cross join lateral (values (false, d.seconds), (true, d.business_seconds)) v(business, s)
      group by 1, 2, 3, 4, 5, 6
    ), cells as (
      select month_start, kind, business, channel_id, agent_id, b, n, total from per_agent where agent_id is not null
      union all
      select month_start, kind, business, ${ALL_CHANNELS}::uuid, agent_id, b, sum(n), sum(total) from per_agent
      where agent_id is not null group by month_start, kind, business, agent_id, b
      union all
      select month_start, kind, business, channel_id, ${ALL_AGENTS}::uuid, b, sum(n), sum(total) from per_agent
      group by month_start, kind, business, channel_id, b
    )
    insert into report_duration_months (workspace_id, time_zone, month_start, kind, business, channel_id, agent_id, count, total, buckets)
    select ${ctx.workspaceId}::uuid, ${ctx.timeZone}, month_start, kind, business, channel_id, agent_id, sum(n), sum(total), jsonb_object_agg(b::text, n)
    from cells
    group by month_start, kind, business, channel_id, agent_id
    on conflict do nothing`);
  // A month without durations leaves a row of nothing, so it is not summed again on every ask.
  await db.execute(sql`
    insert into report_duration_months (workspace_id, time_zone, month_start, kind, business, channel_id, agent_id, count, total, buckets)
    select ${ctx.workspaceId}::uuid, ${ctx.timeZone}, month_start, 'handoff', true, ${NO_CHANNEL}::uuid, ${ALL_AGENTS}::uuid, 0, 0, '{}'::jsonb
    from ${missingMonths}
    on conflict do nothing`);
}

interface Accumulated {
  histogram: Histogram;
  count: number;
  total: number;
}

/** A stored histogram's counts, or one bucket of the durations read raw. */
type Counts = { stored: Record<string, number> } | { bucket: number; n: number };

/** jsonb arrives parsed (node-postgres, PGlite) or as text, depending on the driver. */
const storedCounts = (buckets: Record<string, number> | string): Counts => ({
  stored: typeof buckets === "string" ? (JSON.parse(buckets) as Record<string, number>) : buckets,
});

const accumulate = (into: Map<string, Accumulated>, key: string, counts: Counts, count: number, total: number) => {
  const entry = into.get(key) ?? { histogram: new Map(), count: 0, total: 0 };
  if ("bucket" in counts) addHistogram(entry.histogram, [[counts.bucket, counts.n]]);
  else addBucketCounts(entry.histogram, counts.stored);
  entry.count += count;
  entry.total += total;
  into.set(key, entry);
};

const statOfHistogram = (entry: Accumulated | undefined): DurationStat => {
  if (!entry || entry.count === 0) return emptyStat();
  const [median, p90] = histogramPercentiles(entry.histogram, [0.5, 0.9]);
  return { count: entry.count, median: median ?? null, p90: p90 ?? null, average: entry.total / entry.count };
};

/** The closed months, summed now if they were not yet, with their first and last; undefined when there are none. */
async function summedMonthsOf(db: DbOrTx, ctx: ReportContext, months: Month[], kinds: readonly DurationKind[]) {
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last || kinds.length === 0) return undefined;
  await fillMonths(db, ctx, months);
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  return { months, first, last, kindList };
}

/**
 * The same statistics as `durationStats(…, "bucket")` for a context `usesMonthHistograms` accepts: closed months from
 * their histograms, the days around them (a first and last month in part, the current month) from report_durations,
 * put in the same buckets. Counts and averages are exact; medians and p90 are within 1% + 0.5 s (duration-histogram.ts).
 */
export async function durationStatsByMonth(db: DbOrTx, ctx: ReportContext, kinds: readonly DurationKind[]): Promise<DurationStats> {
  const summedMonths = await summedMonthsOf(db, ctx, closedMonthsOf(ctx), kinds);
  if (!summedMonths) return { totals: new Map(), byGroup: new Map() };
  const { months, first, last, kindList } = summedMonths;
  const [summed, rest] = await Promise.all([
    queryRows<{ kind: DurationKind; g: string; buckets: Record<string, number> | string; count: number | string; total: number | string }>(
      db,
      sql`select kind, extract(epoch from month_start)::text as g, buckets, count, total from report_duration_months
          where workspace_id = ${ctx.workspaceId}::uuid and time_zone = ${ctx.timeZone} and business = ${ctx.businessHours}
            and agent_id = ${ALL_AGENTS}::uuid and kind in (${kindList})
            and month_start in (${sql.join(
              months.map((m) => sql`${m.start.toISOString()}::timestamptz`),
              sql`, `,
            )})
            ${ctx.channelId ? sql`and channel_id = ${ctx.channelId}::uuid` : sql``}`,
    ),
    queryRows<{ kind: DurationKind; g: string; b: number | string; n: number | string; total: number | string }>(
      db,
      sql`select kind, extract(epoch from g)::text as g, b, count(*) as n, sum(s) as total from (
            select d.kind as kind, ${bucketOf(ctx, sql`d.at`)} as g, ${bucketIndexSql(secondsColumn(ctx, "d"))} as b, ${secondsColumn(ctx, "d")} as s
            from report_durations d
            where (${durationConditions(ctx, kinds, "d", ctx.start, first.start)})
               or (${durationConditions(ctx, kinds, "d", last.end, ctx.end)})
          ) facts group by kind, g, b`,
    ),
  ]);
  const byKindAndMonth = new Map<string, Accumulated>();
  const byKind = new Map<string, Accumulated>();
  const add = (kind: DurationKind, g: string, counts: Counts, count: number, total: number) => {
    const month = epochKey(g);
    accumulate(byKindAndMonth, `${kind} ${month}`, counts, count, total);
    accumulate(byKind, kind, counts, count, total);
  };
  for (const row of summed) add(row.kind, row.g, storedCounts(row.buckets), toNumber(row.count), toNumber(row.total));
  for (const row of rest) add(row.kind, row.g, { bucket: toNumber(row.b), n: toNumber(row.n) }, toNumber(row.n), toNumber(row.total));

  const stats: DurationStats = { totals: new Map(), byGroup: new Map() };
  for (const kind of kinds) {
    if (byKind.has(kind)) stats.totals.set(kind, statOfHistogram(byKind.get(kind)));
  }
  for (const [key, entry] of byKindAndMonth) {
    const [kind, month] = key.split(" ") as [DurationKind, string];
    const group = stats.byGroup.get(month) ?? new Map<DurationKind, DurationStat>();
    group.set(kind, statOfHistogram(entry));
    stats.byGroup.set(month, group);
  }
  return stats;
}

/** The context's range cut into months, whatever granularity it asks for (the agents and teams reports are not series). */
const byMonth = (ctx: ReportContext): ReportContext => ({ ...ctx, granularity: "month" });

/**
 * Whether `durationStatsByPersonMonth` answers this context: a range over more than a quarter without a tag filter
 * (an agent or team filter is fine: months are summed per agent), with at least one closed month.
 */
export function usesPersonMonthHistograms(ctx: ReportContext): boolean {
  if (ctx.tag !== undefined) return false;
  if (ctx.end.getTime() - ctx.start.getTime() < HISTOGRAM_MIN_DAYS * 86_400_000) return false;
  return closedMonthsOf(byMonth(ctx)).length > 0;
}

/**
 * The same statistics as `durationStats(…, "agent" | "team")` for a context `usesPersonMonthHistograms` accepts: each
 * agent's closed months from their histograms, the days around them from report_durations; a team pools its current
 * members' (as the exact query's join does). Counts and averages are exact; medians and p90 within 1% + 0.5 s.
 */
export async function durationStatsByPersonMonth(
  db: DbOrTx,
  ctx: ReportContext,
  kinds: readonly DurationKind[],
  by: "agent" | "team",
): Promise<DurationStats> {
  const summedMonths = await summedMonthsOf(db, ctx, closedMonthsOf(byMonth(ctx)), kinds);
  if (!summedMonths) return { totals: new Map(), byGroup: new Map() };
  const { months, first, last, kindList } = summedMonths;
  const [summed, rest, members] = await Promise.all([
    queryRows<{
      kind: DurationKind;
      agent: string;
      buckets: Record<string, number> | string;
      count: number | string;
      total: number | string;
    }>(
      db,
      sql`select kind, agent_id::text as agent, buckets, count, total from report_duration_months
          where workspace_id = ${ctx.workspaceId}::uuid and time_zone = ${ctx.timeZone} and business = ${ctx.businessHours}
            and agent_id <> ${ALL_AGENTS}::uuid and ${agentCondition(ctx, sql`agent_id`)} and kind in (${kindList})
            and month_start in (${sql.join(
              months.map((m) => sql`${m.start.toISOString()}::timestamptz`),
              sql`, `,
            )})
            and channel_id = ${ctx.channelId ?? ALL_CHANNELS}::uuid`,
    ),
    queryRows<{ kind: DurationKind; agent: string; b: number | string; n: number | string; total: number | string }>(
      db,
      sql`select kind, agent::text as agent, b, count(*) as n, sum(s) as total from (
            select d.kind as kind, d.agent_id as agent, ${bucketIndexSql(secondsColumn(ctx, "d"))} as b, ${secondsColumn(ctx, "d")} as s
            from report_durations d
            where d.agent_id is not null
              and ((${durationConditions(ctx, kinds, "d", ctx.start, first.start)})
                or (${durationConditions(ctx, kinds, "d", last.end, ctx.end)}))
          ) facts group by kind, agent, b`,
    ),
    by === "team"
      ? queryRows<{ team_id: string; user_id: string }>(
          db,
          sql`select team_id::text, user_id::text from team_members where workspace_id = ${ctx.workspaceId}::uuid`,
        )
      : Promise.resolve([]),
  ]);
  const teamsOf = new Map<string, string[]>();
  for (const m of members) teamsOf.set(m.user_id, [...(teamsOf.get(m.user_id) ?? []), m.team_id]);
  const groupsOf = (agent: string): string[] => (by === "agent" ? [agent] : (teamsOf.get(agent) ?? []));
  const byGroupAndKind = new Map<string, Accumulated>();
  const add = (kind: DurationKind, agent: string, counts: Counts, count: number, total: number) => {
    for (const group of groupsOf(agent)) accumulate(byGroupAndKind, `${group} ${kind}`, counts, count, total);
  };
  for (const row of summed) add(row.kind, row.agent, storedCounts(row.buckets), toNumber(row.count), toNumber(row.total));
  for (const row of rest) add(row.kind, row.agent, { bucket: toNumber(row.b), n: toNumber(row.n) }, toNumber(row.n), toNumber(row.total));

  const stats: DurationStats = { totals: new Map(), byGroup: new Map() };
  for (const [key, entry] of byGroupAndKind) {
    const [group, kind] = key.split(" ") as [string, DurationKind];
    const stat = stats.byGroup.get(group) ?? new Map<DurationKind, DurationStat>();
    stat.set(kind, statOfHistogram(entry));
    stats.byGroup.set(group, stat);
  }
  return stats;
}
