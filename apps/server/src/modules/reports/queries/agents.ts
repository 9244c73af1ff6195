import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import { type ReportContext, rangeOf } from "../context.ts";
import { onlineSeconds } from "../presence.ts";
import type { agentsReport as agentsReportSchema } from "../schemas.ts";
import { sumCounters } from "./counters.ts";
import { durationStatsByPersonMonth, usesPersonMonthHistograms } from "./duration-months.ts";
import { type DurationStat, durationStats, statOf } from "./durations.ts";
import {
  agentCondition,
  channelCondition,
  contactTagCondition,
  conversationTagCondition,
  instantBetween,
  toNumber,
  uuidList,
} from "./fact-filters.ts";
import { handledBy } from "./handled.ts";

export type AgentsReport = z.infer<typeof agentsReportSchema>;

/** The numbers of one agent, or of a team's members together. */
export interface Performance {
  conversationsHandled: number;
  conversationsResolved: number;
  messagesSent: number | null;
  firstResponse: DurationStat;
  reply: DurationStat;
  resolution: DurationStat;
  openNow: number;
  onlineSeconds: number;
  csatAverage: number | null;
}

/**
 * How a fact's agent column becomes a group: the agent itself, or each current team of that agent (team_members
 * joined on it, so an agent in two teams counts in both, and in a team once).
 */
function ownerOf(by: "agent" | "team", agentColumn: SQL): { key: SQL; join: SQL } {
  if (by === "agent") return { key: sql`${agentColumn}::text`, join: sql`` };
  return { key: sql`tm.team_id::text`, join: sql`join team_members tm on tm.user_id = ${agentColumn}` };
}

/**
 * Seconds each user was online in the range: the union of their console sessions clipped to it (presence.ts:
 * two tabs count once; a session not ended ends at a heartbeat older than 90 s, else now).
 */
export async function onlineSecondsByUser(db: DbOrTx, ctx: ReportContext): Promise<Map<string, number>> {
  const seconds = await onlineSeconds(db, ctx.workspaceId, ctx.start, ctx.end, ctx.now);
  if (!ctx.agentIds) return seconds;
  const wanted = new Set(ctx.agentIds);
  return new Map([...seconds].filter(([userId]) => wanted.has(userId)));
}

/**
 * Every performance number per agent or per team (see agentsReport for the definitions), a statement per number.
 * For teams, counts of conversations are distinct within the team and duration stats pool the members' durations.
 */
export async function performanceBy(
  db: DbOrTx,
  ctx: ReportContext,
  by: "agent" | "team",
): Promise<{ performance: Map<string, Performance>; percentiles: "exact" | "approximate" }> {
  // Over more than a quarter, closed months come from per-agent histograms instead of a sort of every duration.
  const approximate = usesPersonMonthHistograms(ctx);
  const kinds = ["first_response", "reply", "resolution"] as const;
  const ws = ctx.workspaceId;
  const resolverOwner = ownerOf(by, sql`rc.resolved_by_id`);
  const assigneeOwner = ownerOf(by, sql`c.assignee_id`);
  const csatOwner = ownerOf(by, sql`cr.agent_id`);
  const counted = (rows: { g: string | null; n: number | string | null }[]) =>
    new Map(rows.filter((r) => r.g !== null).map((r) => [r.g as string, toNumber(r.n)]));
  const [handled, resolved, open, csat, stats, sent, online, members] = await Promise.all([
    handledBy(db, ctx, by),
    queryRows<{ g: string | null; n: number | string }>(
      db,
      // One row per conversation, one per member of a team: a plain count is distinct.
      sql`select ${resolverOwner.key} as g, count(*) as n
          from report_conversations rc ${resolverOwner.join}
          where rc.workspace_id = ${ws}::uuid and ${instantBetween(sql`rc.resolved_at`, ctx.start, ctx.end)}
            and ${channelCondition(ctx, sql`rc.channel_id`)} and ${agentCondition(ctx, sql`rc.resolved_by_id`)}
            and ${contactTagCondition(ctx, sql`rc.contact_id`)}
          group by 1`,
    ).then(counted),
    queryRows<{ g: string | null; n: number | string }>(
      db,
      sql`select ${assigneeOwner.key} as g, count(*) as n
          from conversations c ${assigneeOwner.join}
          where c.workspace_id = ${ws}::uuid and c.status <> 'resolved' and c.assignee_id is not null
            and ${channelCondition(ctx, sql`c.channel_id`)} and ${agentCondition(ctx, sql`c.assignee_id`)}
            and ${contactTagCondition(ctx, sql`c.contact_id`)}
          group by 1`,
    ).then(counted),
    queryRows<{ g: string | null; n: number | string | null }>(
      db,
      sql`select ${csatOwner.key} as g, avg(cr.score)::float8 as n
          from csat_responses cr ${csatOwner.join}
          where cr.workspace_id = ${ws}::uuid and ${instantBetween(sql`cr.at`, ctx.start, ctx.end)}
            and ${channelCondition(ctx, sql`cr.channel_id`)} and ${agentCondition(ctx, sql`cr.agent_id`)}
            and ${conversationTagCondition(ctx, sql`cr.conversation_id`)}
          group by 1`,
    ).then(counted),
    approximate ? durationStatsByPersonMonth(db, ctx, kinds, by) : durationStats(db, ctx, kinds, by),
    ctx.tag === undefined ? sumCounters(db, ctx, ["message.out"], ["agent"]) : Promise.resolve(null),
    onlineSecondsByUser(db, ctx),
    by === "team"
      ? queryRows<{ team_id: string; user_id: string }>(
          db,
          sql`select team_id::text, user_id::text from team_members where workspace_id = ${ws}::uuid`,
        )
      : Promise.resolve([]),
  ]);

  // Messages and online time are per user: a team adds its members' up.
  const sentByUser = new Map((sent ?? []).filter((r) => r.agentId).map((r) => [r.agentId as string, r.count]));
  const usersOf = (key: string): string[] => (by === "agent" ? [key] : members.filter((m) => m.team_id === key).map((m) => m.user_id));
  const keys = new Set([...handled.keys(), ...resolved.keys(), ...open.keys(), ...csat.keys(), ...stats.byGroup.keys()]);
  for (const userId of [...sentByUser.keys(), ...online.keys()]) {
    if (by === "agent") keys.add(userId);
    else for (const m of members) if (m.user_id === userId) keys.add(m.team_id);
  }
  const out = new Map<string, Performance>();
  for (const key of keys) {
    const users = usersOf(key);
    const group = stats.byGroup.get(key);
    out.set(key, {
      conversationsHandled: handled.get(key) ?? 0,
      conversationsResolved: resolved.get(key) ?? 0,
      messagesSent: sent === null ? null : users.reduce((sum, id) => sum + (sentByUser.get(id) ?? 0), 0),
      firstResponse: statOf(group, "first_response"),
      reply: statOf(group, "reply"),
      resolution: statOf(group, "resolution"),
      openNow: open.get(key) ?? 0,
      onlineSeconds: users.reduce((sum, id) => sum + (online.get(id) ?? 0), 0),
      csatAverage: csat.get(key) ?? null,
    });
  }
  return { performance: out, percentiles: approximate ? "approximate" : "exact" };
}

/** The numbers of nobody: what a user or team without facts in the range shows. */
export const emptyPerformance = (withMessages: boolean): Performance => ({
  conversationsHandled: 0,
  conversationsResolved: 0,
  messagesSent: withMessages ? 0 : null,
  firstResponse: statOf(undefined, "first_response"),
  reply: statOf(undefined, "reply"),
  resolution: statOf(undefined, "resolution"),
  openNow: 0,
  onlineSeconds: 0,
  csatAverage: null,
});

/**
 * One row per user of the workspace (deactivated users only when they have a number in the range), by name:
 * - conversationsHandled: distinct conversations with a first_response, reply or resolution duration of the agent
 *   ending in the range;
 * - conversationsResolved: report_conversations resolved (last resolution) by the agent in the range;
 * - messagesSent: counter message.out of the agent (null with a tag filter);
 * - firstResponse / reply / resolution: the agent's durations ending in the range;
 * - openNow: conversations not resolved assigned to the agent now (ignores the range);
 * - onlineSeconds: union of the agent's console sessions in the range;
 * - csatAverage: mean score of csat_responses given in the range while the agent was the assignee.
 */
export async function agentsReport(db: DbOrTx, ctx: ReportContext): Promise<AgentsReport> {
  const [users, byAgent] = await Promise.all([
    queryRows<{ id: string; name: string; role: string; disabled_at: Date | string | null }>(
      db,
      sql`select id::text, name, role, disabled_at from users
          where workspace_id = ${ctx.workspaceId}::uuid and role in ('agent', 'supervisor', 'admin')
            and ${ctx.agentIds ? (ctx.agentIds.length ? sql`id in (${uuidList(ctx.agentIds)})` : sql`false`) : sql`true`}
          order by name, id`,
    ),
    performanceBy(db, ctx, "agent"),
  ]);
  const { performance, percentiles } = byAgent;
  const empty = emptyPerformance(ctx.tag === undefined);
  return {
    range: rangeOf(ctx),
    percentiles,
    agents: users
      .filter((u) => u.disabled_at === null || hasNumbers(performance.get(u.id)))
      .map((u) => ({
        userId: u.id,
        name: u.name,
        role: u.role,
        active: u.disabled_at === null,
        ...(performance.get(u.id) ?? empty),
      })),
  };
}

const hasNumbers = (p: Performance | undefined): boolean =>
  p !== undefined &&
  (p.conversationsHandled > 0 ||
    p.conversationsResolved > 0 ||
    (p.messagesSent ?? 0) > 0 ||
    p.firstResponse.count + p.reply.count + p.resolution.count > 0 ||
    p.openNow > 0 ||
    p.onlineSeconds > 0 ||
    p.csatAverage !== null);
