import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import { agentsOnlineNow } from "../presence.ts";
import type { overviewReport as overviewReportSchema } from "../schemas.ts";
import { uuidList } from "./fact-filters.ts";

export type OverviewReport = z.infer<typeof overviewReportSchema>;

/**
 * The live overview of a workspace at `now` (no range, no filters). Every count is over the conversations that are
 * not resolved (status open or pending) in the live `conversations` table:
 * - open / pending: by status;
 * - unassigned: handled by a human and without an assignee (bot conversations are not waiting for an assignment);
 * - waiting: report_conversations.waiting_since is set (the customer waits for a person); waitingLongest is the one
 *   with the oldest waiting_since (ties: the smaller id), seconds = now − waiting_since (never negative);
 * - needsAttention: conversation_insights.needs_attention is true;
 * - botActive: handled by the bot;
 * - agentsOnline: presence.ts `agentsOnlineNow` (a console connection not ended with a heartbeat less than 90 s old;
 *   since = the start of their current unbroken online stretch), longest online first; openAssigned = their
 *   unresolved (open or pending) assigned conversations.
 */
export async function overviewReport(db: DbOrTx, { workspaceId, now }: { workspaceId: string; now: Date }): Promise<OverviewReport> {
  const [counts, longest, online] = await Promise.all([
    queryRows<{
      open: string | number;
      pending: string | number;
      unassigned: string | number;
      waiting: string | number;
      needs_attention: string | number;
      bot_active: string | number;
    }>(
      db,
      sql`select
          count(*) filter (where c.status = 'open') as open,
          count(*) filter (where c.status = 'pending') as pending,
          count(*) filter (where c.handled_by = 'human' and c.assignee_id is null) as unassigned,
          count(*) filter (where rc.waiting_since is not null) as waiting,
          count(*) filter (where ci.needs_attention) as needs_attention,
          count(*) filter (where c.handled_by = 'bot') as bot_active
        from conversations c
        left join report_conversations rc on rc.conversation_id = c.id
        left join conversation_insights ci on ci.conversation_id = c.id
        where c.workspace_id = ${workspaceId} and c.status <> 'resolved'`,
    ),
    queryRows<{ conversation_id: string; waiting_since: Date | string }>(
      db,
      sql`select c.id as conversation_id, rc.waiting_since
        from conversations c
        join report_conversations rc on rc.conversation_id = c.id
        where c.workspace_id = ${workspaceId} and c.status <> 'resolved' and rc.waiting_since is not null
        order by rc.waiting_since, c.id
        limit 1`,
    ),
    agentsOnlineNow(db, workspaceId, now),
  ]);
  const onlineIds = online.map((agent) => agent.userId);
  const agents =
    onlineIds.length === 0
      ? []
      : await queryRows<{ user_id: string; name: string; open_assigned: string | number }>(
          db,
          sql`select u.id as user_id, u.name,
              (select count(*) from conversations c
                where c.workspace_id = ${workspaceId} and c.assignee_id = u.id and c.status <> 'resolved') as open_assigned
            from users u
            where u.workspace_id = ${workspaceId} and u.id in (${uuidList(onlineIds)})`,
        );
  const byId = new Map(agents.map((agent) => [agent.user_id, agent]));
  const row = counts[0];
  const first = longest[0];
  const waitingSince = first ? new Date(first.waiting_since) : undefined;
  return {
    at: now.toISOString(),
    open: Number(row?.open ?? 0),
    pending: Number(row?.pending ?? 0),
    unassigned: Number(row?.unassigned ?? 0),
    waiting: Number(row?.waiting ?? 0),
    waitingLongest:
      first && waitingSince
        ? {
            conversationId: first.conversation_id,
            since: waitingSince.toISOString(),
            seconds: Math.max(0, (now.getTime() - waitingSince.getTime()) / 1000),
          }
        : null,
    needsAttention: Number(row?.needs_attention ?? 0),
    botActive: Number(row?.bot_active ?? 0),
    agentsOnline: online.flatMap(({ userId, since }) => {
      const agent = byId.get(userId);
      // A presence row of a user removed since has nobody to show.
      return agent ? [{ userId, name: agent.name, since: since.toISOString(), openAssigned: Number(agent.open_assigned) }] : [];
    }),
  };
}
