import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import { waitAtMost } from "../../bounded-stop.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { ALL_AGENTS } from "../../db/schema/reports.ts";
import { sumClosedMonths } from "./queries/duration-months.ts";

/** Events moved per statement: a bounded transaction even after a long stop, and a backlog is drained in a loop. */
export const FOLD_BATCH = 50_000;
/** Only one node folds at a time (the others skip their turn): pg_try_advisory_xact_lock's key. */
const FOLD_LOCK = 0x7061706f_7266; // "papo" "rf"
/** How often the fold worker sums newly closed months of durations (queries/duration-months.ts). */
const MONTHS_EVERY_MS = 3_600_000;
/** Stopping waits this long at most for a pass in flight: a shutdown is never held by a slow database. */
const STOP_WAIT_MS = 2_000;

/**
 * Moves up to `batch` of the oldest report_events into report_rollups, in one statement: the deleted events and the
 * added sums commit together, so a report (rollups + events not folded yet) never counts an event twice or misses it.
 * Each event adds to four rows (UTC hour and workspace-local day, each for all agents and for its agent). Returns how
 * many events moved (0 when another node holds the fold).
 */
export async function foldReportEvents(db: Db, { batch = FOLD_BATCH }: { batch?: number } = {}): Promise<number> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${FOLD_LOCK}::bigint) as locked`);
    if (!lock?.locked) return 0;
    const [moved] = await queryRows<{ moved: number | string }>(
      tx,
      sql`
      with moved as (
        delete from report_events where id in (select id from report_events order by id limit ${batch})
        returning workspace_id, metric, at, channel_id, agent_id, dim, count, total
      ),
      periods as (
        select m.workspace_id, m.metric, m.channel_id, m.agent_id, m.dim, m.count, m.total,
          date_trunc('hour', m.at, 'UTC') as hour_start, date_trunc('day', m.at, w.time_zone) as day_start
        from moved m join workspaces w on w.id = m.workspace_id
      ),
      rows as (
        select workspace_id, metric, 'hour' as grain, hour_start as period_start, channel_id, ${ALL_AGENTS}::uuid as agent_id, dim, count, total from periods
        union all
        select workspace_id, metric, 'hour', hour_start, channel_id, agent_id, dim, count, total from periods where agent_id is not null
        union all
        select workspace_id, metric, 'day', day_start, channel_id, ${ALL_AGENTS}::uuid, dim, count, total from periods
        union all
        select workspace_id, metric, 'day', day_start, channel_id, agent_id, dim, count, total from periods where agent_id is not null
      ),
      summed as (
        insert into report_rollups (workspace_id, metric, grain, period_start, channel_id, agent_id, dim, count, total)
        select workspace_id, metric, grain, period_start, channel_id, agent_id, dim, sum(count), sum(total)
        from rows
        group by 1, 2, 3, 4, 5, 6, 7
        on conflict (workspace_id, metric, grain, agent_id, period_start, channel_id, dim)
        do update set count = report_rollups.count + excluded.count, total = report_rollups.total + excluded.total
      )
      select count(*) as moved from moved`,
    );
    return Number(moved?.moved ?? 0);
  });
}

/**
 * Rebuilds a workspace's day rows from its hour rows after its time zone changed (call it in that transaction, after
 * the change). Exact
 * for zones a whole number of hours from UTC; in others, an hour that straddles midnight lands on the day it starts in.
 */
export async function rebuildDayRollups(db: DbOrTx, workspaceId: string): Promise<void> {
  // No fold meanwhile (it waits for this transaction): it would add day rows in the zone it read.
  await db.execute(sql`select pg_advisory_xact_lock(${FOLD_LOCK}::bigint)`);
  await db.execute(sql`delete from report_rollups where workspace_id = ${workspaceId}::uuid and grain = 'day'`);
  await db.execute(sql`
    insert into report_rollups (workspace_id, metric, grain, period_start, channel_id, agent_id, dim, count, total)
    select r.workspace_id, r.metric, 'day', date_trunc('day', r.period_start, w.time_zone), r.channel_id, r.agent_id, r.dim,
      sum(r.count), sum(r.total)
    from report_rollups r join workspaces w on w.id = r.workspace_id
    where r.workspace_id = ${workspaceId}::uuid and r.grain = 'hour'
    group by r.workspace_id, r.metric, 4, r.channel_id, r.agent_id, r.dim`);
}

export interface FoldWorker {
  /** Stops the timer; waits for a pass in flight at most a couple of seconds. */
  stop(): Promise<void>;
}

/** Folds every `intervalSeconds` (REPORTS_FOLD_INTERVAL_SECONDS), draining a backlog batch after batch. */
export function startFoldWorker({ db, log, intervalSeconds }: { db: Db; log: Logger; intervalSeconds: number }): FoldWorker {
  let stopped = false;
  let running: Promise<void> | undefined;
  let monthsSummedAt = 0;
  const pass = async () => {
    while (!stopped && (await foldReportEvents(db)) === FOLD_BATCH) {
      // A full batch: more is waiting.
    }
    // Once an hour (and at start): months that closed meanwhile are summed before anyone asks for a long speed series.
    if (!stopped && Date.now() - monthsSummedAt >= MONTHS_EVERY_MS) {
      monthsSummedAt = Date.now();
      await sumClosedMonths(db, new Date());
    }
  };
  const tick = () => {
    if (running || stopped) return;
    running = pass()
      .catch((error: unknown) => log.error({ err: error }, "report events fold failed"))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await waitAtMost(running, STOP_WAIT_MS);
    },
  };
}
