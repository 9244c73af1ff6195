import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import { handlingKinds } from "../../../db/schema/reports.ts";
import type { ReportContext } from "../context.ts";
import { agentCondition, channelCondition, conversationTagCondition, toNumber } from "./fact-filters.ts";

/**
 * Conversations handled in the range, per agent or per team (distinct within a team: two members on one conversation
 * count it once): report_handled pairs with a handling duration (first response, reply, resolution) ending in the
 * range. A pair's first or last duration inside the range settles it; a pair that began before the range and ended
 * after it is looked up in report_durations, through the agent index.
 */
export async function handledBy(db: DbOrTx, ctx: ReportContext, by: "agent" | "team"): Promise<Map<string, number>> {
  const start = sql`${ctx.start.toISOString()}::timestamptz`;
  const end = sql`${ctx.end.toISOString()}::timestamptz`;
  const kinds = sql.join(
    handlingKinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const filters = sql`h.workspace_id = ${ctx.workspaceId}::uuid and ${channelCondition(ctx, sql`h.channel_id`)}
    and ${agentCondition(ctx, sql`h.agent_id`)} and ${conversationTagCondition(ctx, sql`h.conversation_id`)}`;
  // Two disjoint parts, so the planner sizes the lookup by the few pairs that span the range, not by every pair.
  const pairs = sql`(
    select h.agent_id, h.conversation_id from report_handled h
    where ${filters} and h.last_at >= ${start} and h.first_at < ${end} and (h.first_at >= ${start} or h.last_at < ${end})
    union all
    select h.agent_id, h.conversation_id from report_handled h
    where ${filters} and h.first_at < ${start} and h.last_at >= ${end} and exists (
      select 1 from report_durations d
      where d.workspace_id = h.workspace_id and d.agent_id = h.agent_id and d.kind in (${kinds})
        and d.at >= ${start} and d.at < ${end} and d.conversation_id = h.conversation_id)
  ) p`;
  const rows = await queryRows<{ g: string; n: number | string }>(
    db,
    by === "agent"
      ? sql`select p.agent_id::text as g, count(*) as n from ${pairs} group by p.agent_id`
      : // Distinct (team, conversation) pairs by a hash grouping, then counted.
        sql`select g::text as g, count(*) as n from (
              select tm.team_id as g from ${pairs} join team_members tm on tm.user_id = p.agent_id
              group by tm.team_id, p.conversation_id
            ) team_pairs group by g`,
  );
  return new Map(rows.map((r) => [r.g, toNumber(r.n)]));
}
