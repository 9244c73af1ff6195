import { randomUUID } from "node:crypto";
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { agentPresence } from "../../db/schema/reports.ts";

/** A connection whose heartbeat is older than this ended at its heartbeat (its process died without closing it). */
export const PRESENCE_STALE_MS = 90_000;
/** How often an open connection proves it is alive. */
export const PRESENCE_HEARTBEAT_MS = 30_000;

export interface OnlineInterval {
  start: Date;
  end: Date;
}

/** A user's live console connection opened: one presence row, returned by id for its heartbeats and its end. */
export async function startPresence(
  db: DbOrTx,
  { workspaceId, userId, at }: { workspaceId: string; userId: string; at: Date },
): Promise<string> {
  const id = randomUUID();
  await db.insert(agentPresence).values({ id, workspaceId, userId, startedAt: at, lastSeenAt: at });
  return id;
}

export async function heartbeatPresence(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db
    .update(agentPresence)
    .set({ lastSeenAt: sql`greatest(${agentPresence.lastSeenAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(agentPresence.id, id), isNull(agentPresence.endedAt)));
}

export async function endPresence(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db
    .update(agentPresence)
    .set({ endedAt: at, lastSeenAt: sql`greatest(${agentPresence.lastSeenAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(agentPresence.id, id), isNull(agentPresence.endedAt)));
}

/** When a connection ended: its close, else its last heartbeat once that is stale, else it is still on (now). */
const endOf = (row: { lastSeenAt: Date; endedAt: Date | null }, now: Date): Date =>
  row.endedAt ?? (now.getTime() - row.lastSeenAt.getTime() > PRESENCE_STALE_MS ? row.lastSeenAt : now);

/**
 * Per user, the time they had the console open within [from, to): the union of their connections (two tabs count
 * once), each ended by its close, its stale heartbeat, or now. Intervals are merged when they overlap or touch, and
 * clipped to the range; users with no time in it are left out.
 */
export async function onlineIntervals(
  db: DbOrTx,
  workspaceId: string,
  from: Date,
  to: Date,
  now: Date = new Date(),
): Promise<Array<{ userId: string; intervals: OnlineInterval[] }>> {
  const rows = await db
    .select({
      userId: agentPresence.userId,
      startedAt: agentPresence.startedAt,
      lastSeenAt: agentPresence.lastSeenAt,
      endedAt: agentPresence.endedAt,
    })
    .from(agentPresence)
    .where(
      and(
        eq(agentPresence.workspaceId, workspaceId),
        lt(agentPresence.startedAt, to),
        // Cheap prefilter: a row that ended (or was last seen) before `from` has no time in the range.
        or(isNull(agentPresence.endedAt), gt(agentPresence.endedAt, from)),
        or(gt(agentPresence.lastSeenAt, from), isNull(agentPresence.endedAt)),
      ),
    )
    .orderBy(agentPresence.userId, agentPresence.startedAt);
  const byUser = new Map<string, OnlineInterval[]>();
  for (const row of rows) {
    const start = Math.max(row.startedAt.getTime(), from.getTime());
    const end = Math.min(endOf(row, now).getTime(), to.getTime());
    if (!(end > start)) continue;
    const intervals = byUser.get(row.userId) ?? [];
    byUser.set(row.userId, intervals);
    const last = intervals.at(-1);
    // Rows come in start order, so each one either extends the last interval or begins a new one.
    if (last && start <= last.end.getTime()) {
      if (end > last.end.getTime()) last.end = new Date(end);
    } else intervals.push({ start: new Date(start), end: new Date(end) });
  }
  return [...byUser].map(([userId, intervals]) => ({ userId, intervals }));
}

/**
 * Per user, the seconds of `onlineIntervals` summed, merged in the database the same way (overlapping or touching
 * connections make one stretch): a year of presence rows is tens of thousands, too many to read for one number each.
 */
export async function onlineSeconds(
  db: DbOrTx,
  workspaceId: string,
  from: Date,
  to: Date,
  now: Date = new Date(),
): Promise<Map<string, number>> {
  const [fromIso, toIso, nowIso] = [from.toISOString(), to.toISOString(), now.toISOString()];
  const rows = await queryRows<{ user_id: string; seconds: number | string }>(
    db,
    sql`with clipped as (
          select user_id, greatest(started_at, ${fromIso}::timestamptz) as s,
                 least(coalesce(ended_at, case when ${nowIso}::timestamptz - last_seen_at > ${`${PRESENCE_STALE_MS} milliseconds`}::interval
                                           then last_seen_at else ${nowIso}::timestamptz end), ${toIso}::timestamptz) as e
          from agent_presence
          where workspace_id = ${workspaceId}::uuid and started_at < ${toIso}::timestamptz
            and (ended_at is null or ended_at > ${fromIso}::timestamptz)
            and (last_seen_at > ${fromIso}::timestamptz or ended_at is null)
        ), ordered as (
          select user_id, s, e, max(e) over (partition by user_id order by s, e rows between unbounded preceding and 1 preceding) as reach
          from clipped where e > s
        ), islands as (
          -- A connection starting after every earlier one ended begins a new island; one starting at an end joins it.
          select user_id, s, e, sum(case when reach is null or s > reach then 1 else 0 end) over (partition by user_id order by s, e) as island
          from ordered
        )
        select user_id::text as user_id, sum(extract(epoch from hi - lo))::float8 as seconds
        from (select user_id, island, min(s) as lo, max(e) as hi from islands group by user_id, island) merged
        group by user_id`,
  );
  return new Map(rows.map((r) => [r.user_id, Number(r.seconds)]));
}

/** How far back `agentsOnlineNow` looks for the start of a continuous online stretch. */
const SINCE_LOOKBACK_MS = 7 * 86_400_000;

/** Users with an open, live connection now, and since when they have been online without a break (up to 7 days back). */
export async function agentsOnlineNow(
  db: DbOrTx,
  workspaceId: string,
  now: Date = new Date(),
): Promise<Array<{ userId: string; since: Date }>> {
  const live = await db
    .selectDistinct({ userId: agentPresence.userId })
    .from(agentPresence)
    .where(
      and(
        eq(agentPresence.workspaceId, workspaceId),
        isNull(agentPresence.endedAt),
        gt(agentPresence.lastSeenAt, new Date(now.getTime() - PRESENCE_STALE_MS)),
      ),
    );
  if (!live.length) return [];
  const online = new Set(live.map((r) => r.userId));
  // `to` just after now, so the stretch that runs until now is kept whole.
  const stretches = await onlineIntervals(db, workspaceId, new Date(now.getTime() - SINCE_LOOKBACK_MS), new Date(now.getTime() + 1), now);
  const result: Array<{ userId: string; since: Date }> = [];
  for (const { userId, intervals } of stretches) {
    const current = intervals.at(-1);
    if (online.has(userId) && current && current.end.getTime() >= now.getTime()) result.push({ userId, since: current.start });
  }
  return result.sort((a, b) => a.since.getTime() - b.since.getTime() || a.userId.localeCompare(b.userId));
}
