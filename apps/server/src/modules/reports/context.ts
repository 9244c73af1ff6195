import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { teamMembers, teams } from "../../db/schema/teams.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { AppError } from "../../http/errors.ts";
import { instantToLocal, isValidTimeZone, localToInstant } from "../scheduling/local-time.ts";
import type { Granularity, ReportQuery } from "./schemas.ts";

/**
 * What every report query receives: the instants it covers, the bucket size and zone, and the filters already
 * resolved (a team is its current members). Query functions are `(db, ctx) => Promise<Report>`.
 */
export interface ReportContext {
  workspaceId: string;
  timeZone: string;
  /** The workspace's own zone: counters have day rollups in it (a report in another zone reads hour rollups). */
  workspaceTimeZone: string;
  granularity: Granularity;
  /** Local days, inclusive. */
  from: string;
  to: string;
  /** [start, end): local midnight of `from` to local midnight after `to`. */
  start: Date;
  end: Date;
  businessHours: boolean;
  channelId: string | undefined;
  /** Agent filter (the agent, or a team's members; [] = a team with nobody); undefined = every agent. */
  agentIds: string[] | undefined;
  tag: string | undefined;
  now: Date;
}

export interface Bucket {
  /** Local label: YYYY-MM-DD, or YYYY-MM-DDTHH:00 for hours. */
  bucket: string;
  start: Date;
}

/** The longest range per granularity: beyond it a series gets too long to draw or read. */
const MAX_DAYS: Record<Granularity, number> = { hour: 31, day: 400, week: 800, month: 3700 };
const DAY_MS = 86_400_000;

const invalid = (field: string, message: string) =>
  new AppError({ code: "reports.invalid_query", status: 400, message: `${field}: ${message}`, details: { field } });

const isRealDate = (date: string): boolean => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  // Reports cover Papo's lifetime, not the calendar's edges (year 10000 has no ISO form).
  if (y < 2000 || y > 2999) return false;
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d;
};

/** Calendar arithmetic on local dates (YYYY-MM-DD), independent of any zone. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

export const localMidnight = (date: string, timeZone: string): Date => localToInstant(`${date}T00:00`, timeZone);

/**
 * Resolves a report query for a workspace: dates default to the last 30 days in the zone, the team becomes its
 * members. `onlyAgent` pins the agent filter (callers without `reports.view` see their own numbers only).
 */
export async function resolveReportContext({
  db,
  workspaceId,
  query,
  onlyAgent,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  query: Omit<ReportQuery, "format">;
  onlyAgent?: string | undefined;
  now?: Date;
}): Promise<ReportContext> {
  const [workspace] = await db.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const workspaceTimeZone = workspace?.timeZone ?? "UTC";
  const timeZone = query.timeZone ?? workspaceTimeZone;
  if (!isValidTimeZone(timeZone)) {
    throw invalid("timeZone", `${timeZone} is not an IANA time zone (like America/Sao_Paulo)`);
  }
  const granularity = query.granularity ?? "day";
  const today = instantToLocal(now, timeZone).slice(0, 10);
  const to = query.to ?? (query.from ? addDays(query.from, 29) : today);
  const from = query.from ?? addDays(to, -29);
  if (!isRealDate(from)) throw invalid("from", `${from} is not a date between 2000 and 2999`);
  if (!isRealDate(to)) throw invalid("to", `${to} is not a date between 2000 and 2999`);
  if (to < from) throw invalid("to", `must not be before from (${from})`);
  if (daysBetween(from, to) + 1 > MAX_DAYS[granularity])
    throw invalid("from", `a ${granularity} report covers at most ${MAX_DAYS[granularity]} days`);

  let agentIds: string[] | undefined;
  if (query.teamId) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, query.teamId)));
    if (!team) throw new AppError({ code: "teams.not_found", status: 404, message: `No team with id ${query.teamId}` });
    const members = await db.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, team.id));
    agentIds = members.map((m) => m.userId);
  }
  if (query.agentId) agentIds = agentIds ? agentIds.filter((id) => id === query.agentId) : [query.agentId];
  if (onlyAgent) agentIds = agentIds ? agentIds.filter((id) => id === onlyAgent) : [onlyAgent];

  return {
    workspaceId,
    timeZone,
    workspaceTimeZone,
    granularity,
    from,
    to,
    start: localMidnight(from, timeZone),
    end: localMidnight(addDays(to, 1), timeZone),
    businessHours: query.businessHours === "true",
    channelId: query.channelId,
    agentIds,
    tag: query.tag,
    now,
  };
}

/**
 * The buckets of a series, in order, each starting where PostgreSQL's `date_trunc(<granularity>, at, <zone>)` puts
 * it — so rows grouped by that expression match a bucket by its start instant. The first week or month may start
 * before the range (only the range's facts are counted in it).
 */
export function bucketsOf(ctx: Pick<ReportContext, "from" | "to" | "timeZone" | "granularity" | "start" | "end">): Bucket[] {
  const { timeZone } = ctx;
  const buckets: Bucket[] = [];
  if (ctx.granularity === "hour") {
    for (let at = ctx.start.getTime(); at < ctx.end.getTime(); at += 3_600_000) {
      const start = new Date(at);
      buckets.push({ bucket: `${instantToLocal(start, timeZone).slice(0, 13)}:00`, start });
    }
    return buckets;
  }
  let date = ctx.from;
  if (ctx.granularity === "week") {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
    date = addDays(date, -((weekday + 6) % 7));
  } else if (ctx.granularity === "month") {
    date = `${date.slice(0, 7)}-01`;
  }
  while (date <= ctx.to) {
    buckets.push({ bucket: date, start: localMidnight(date, timeZone) });
    if (ctx.granularity === "day") date = addDays(date, 1);
    else if (ctx.granularity === "week") date = addDays(date, 7);
    else {
      const [y, m] = date.split("-").map(Number) as [number, number];
      date = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
    }
  }
  return buckets;
}

/** The JSON form of a context's range (`range` of every report). */
export const rangeOf = (ctx: ReportContext) => ({
  from: ctx.from,
  to: ctx.to,
  timeZone: ctx.timeZone,
  granularity: ctx.granularity,
  start: ctx.start.toISOString(),
  end: ctx.end.toISOString(),
  businessHours: ctx.businessHours,
});
