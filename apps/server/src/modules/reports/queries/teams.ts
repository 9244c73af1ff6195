import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import { type ReportContext, rangeOf } from "../context.ts";
import type { teamsReport as teamsReportSchema } from "../schemas.ts";
import { emptyPerformance, performanceBy } from "./agents.ts";
import { toNumber, uuidList } from "./fact-filters.ts";

export type TeamsReport = z.infer<typeof teamsReportSchema>;

/**
 * One row per team, by name, with the agents report's numbers over its current members together: conversations
 * counted once per team even when two members touched them, duration stats over all the members' durations pooled
 * (not an average of the members' medians), messages and online seconds summed, csatAverage over the members'
 * responses. With an agent filter (or a team filter), only teams with a member in it, counting those members.
 */
export async function teamsReport(db: DbOrTx, ctx: ReportContext): Promise<TeamsReport> {
  const [teams, byTeam] = await Promise.all([
    queryRows<{ id: string; name: string; members: number | string }>(
      db,
      sql`select t.id::text, t.name, count(tm.user_id) as members
          from teams t left join team_members tm on tm.team_id = t.id
          where t.workspace_id = ${ctx.workspaceId}::uuid
            and ${
              ctx.agentIds
                ? ctx.agentIds.length
                  ? sql`exists (select 1 from team_members f where f.team_id = t.id and f.user_id in (${uuidList(ctx.agentIds)}))`
                  : sql`false`
                : sql`true`
            }
          group by t.id, t.name order by t.name, t.id`,
    ),
    performanceBy(db, ctx, "team"),
  ]);
  const { performance, percentiles } = byTeam;
  const empty = emptyPerformance(ctx.tag === undefined);
  return {
    range: rangeOf(ctx),
    percentiles,
    teams: teams.map((t) => ({ teamId: t.id, name: t.name, members: toNumber(t.members), ...(performance.get(t.id) ?? empty) })),
  };
}
