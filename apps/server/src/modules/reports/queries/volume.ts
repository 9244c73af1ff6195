import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import { bucketsOf, type ReportContext, rangeOf } from "../context.ts";
import type { volumeReport as volumeReportSchema } from "../schemas.ts";
import { sumCounters } from "./counters.ts";
import { agentCondition, bucketOf, channelCondition, contactTagCondition, epochKey, instantBetween, toNumber } from "./fact-filters.ts";

export type VolumeReport = z.infer<typeof volumeReportSchema>;

const SENDERS = ["agent", "bot", "system", "campaign"] as const;

/**
 * Conversations and messages in the range.
 * - conversationsOpened: report_conversations whose opened_at is in the range (agent filter: the current assignee).
 * - conversationsResolved: report_conversations whose last resolution (resolved_at) is in the range (agent filter:
 *   resolved_by_id). A conversation resolved, reopened and not resolved again is not counted.
 * - messagesIn / messagesOut: counters message.in / message.out; by type from their dim; by sender from message.out_by.
 *   Null with a tag filter (counters do not know the contact).
 * Series buckets group each fact by its own instant (opened_at, resolved_at, the message's hour).
 */
export async function volumeReport(db: DbOrTx, ctx: ReportContext): Promise<VolumeReport> {
  const conversationFilters = (agentColumn: string) =>
    sql.join(
      [
        sql`rc.workspace_id = ${ctx.workspaceId}::uuid`,
        channelCondition(ctx, sql`rc.channel_id`),
        agentCondition(ctx, sql.raw(`rc.${agentColumn}`)),
        contactTagCondition(ctx, sql`rc.contact_id`),
      ],
      sql` and `,
    );
  const withMessages = ctx.tag === undefined;
  const [conversationRows, counterRows, channelRows] = await Promise.all([
    queryRows<{ fact: "opened" | "resolved"; bucket: string; channel_id: string; count: string | number }>(
      db,
      sql`select fact, extract(epoch from bucket)::text as bucket, channel_id, count from (
        select 'opened' as fact, ${bucketOf(ctx, sql`rc.opened_at`)} as bucket, rc.channel_id, count(*) as count
          from report_conversations rc
          where ${conversationFilters("assignee_id")} and ${instantBetween(sql`rc.opened_at`, ctx.start, ctx.end)}
          group by 2, 3
        union all
        select 'resolved', ${bucketOf(ctx, sql`rc.resolved_at`)}, rc.channel_id, count(*)
          from report_conversations rc
          where ${conversationFilters("resolved_by_id")} and ${instantBetween(sql`rc.resolved_at`, ctx.start, ctx.end)}
          group by 2, 3
      ) grouped`,
    ),
    withMessages
      ? sumCounters(db, ctx, ["message.in", "message.out", "message.out_by"], ["bucket", "channel", "dim"])
      : Promise.resolve([]),
    queryRows<{ id: string; name: string }>(
      db,
      sql`select id, name from channels where workspace_id = ${ctx.workspaceId}::uuid and ${channelCondition(ctx, sql`id`)} order by name, id`,
    ),
  ]);

  const emptyCounts = () => ({ conversationsOpened: 0, conversationsResolved: 0, messagesIn: 0, messagesOut: 0 });
  const byBucket = new Map<string, ReturnType<typeof emptyCounts>>();
  const byChannel = new Map<string, ReturnType<typeof emptyCounts>>();
  const counts = <K>(map: Map<K, ReturnType<typeof emptyCounts>>, key: K) => {
    let entry = map.get(key);
    if (!entry) {
      entry = emptyCounts();
      map.set(key, entry);
    }
    return entry;
  };
  const totals = emptyCounts();
  for (const row of conversationRows) {
    const field = row.fact === "opened" ? "conversationsOpened" : "conversationsResolved";
    const n = toNumber(row.count);
    counts(byBucket, epochKey(row.bucket))[field] += n;
    counts(byChannel, row.channel_id)[field] += n;
    totals[field] += n;
  }
  const types = new Map<string, { in: number; out: number }>();
  const bySender = { agent: 0, bot: 0, system: 0, campaign: 0 };
  for (const row of counterRows) {
    if (row.metric === "message.out_by") {
      const sender = SENDERS.find((s) => s === row.dim);
      if (sender) bySender[sender] += row.count;
      continue;
    }
    const field = row.metric === "message.in" ? "messagesIn" : "messagesOut";
    if (row.bucketStart) counts(byBucket, row.bucketStart.toISOString())[field] += row.count;
    if (row.channelId) counts(byChannel, row.channelId)[field] += row.count;
    totals[field] += row.count;
    const type = types.get(row.dim ?? "") ?? { in: 0, out: 0 };
    type[row.metric === "message.in" ? "in" : "out"] += row.count;
    types.set(row.dim ?? "", type);
  }

  const messages = (n: number) => (withMessages ? n : null);
  const channelNames = new Map(channelRows.map((c) => [c.id, c.name]));
  // A deleted channel's facts stay: it is listed under its id.
  const channelIds = [...channelRows.map((c) => c.id), ...[...byChannel.keys()].filter((id) => !channelNames.has(id))];
  return {
    range: rangeOf(ctx),
    totals: { ...totals, messagesIn: messages(totals.messagesIn), messagesOut: messages(totals.messagesOut) },
    series: bucketsOf(ctx).map((b) => {
      const c = byBucket.get(b.start.toISOString()) ?? emptyCounts();
      return {
        bucket: b.bucket,
        start: b.start.toISOString(),
        conversationsOpened: c.conversationsOpened,
        conversationsResolved: c.conversationsResolved,
        messagesIn: messages(c.messagesIn),
        messagesOut: messages(c.messagesOut),
      };
    }),
    messagesByType: withMessages
      ? [...types.entries()]
          .map(([type, n]) => ({ type, in: n.in, out: n.out }))
          .sort((a, b) => b.in + b.out - (a.in + a.out) || a.type.localeCompare(b.type))
      : null,
    messagesOutBySender: withMessages ? bySender : null,
    byChannel: channelIds.map((channelId) => {
      const c = byChannel.get(channelId) ?? emptyCounts();
      return {
        channelId,
        name: channelNames.get(channelId) ?? channelId,
        conversationsOpened: c.conversationsOpened,
        conversationsResolved: c.conversationsResolved,
        messagesIn: messages(c.messagesIn),
        messagesOut: messages(c.messagesOut),
      };
    }),
  };
}
