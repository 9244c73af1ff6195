import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import { bucketsOf, type ReportContext, rangeOf } from "../context.ts";
import { type qualityReport as qualityReportSchema, sentimentLabelValues } from "../schemas.ts";
import { sumCounters } from "./counters.ts";
import { agentCondition, channelCondition, contactTagCondition } from "./fact-filters.ts";

export type QualityReport = z.infer<typeof qualityReportSchema>;
type SentimentLabel = (typeof sentimentLabelValues)[number];

const CSAT_SCORES = [1, 2, 3, 4, 5] as const;

const isSentimentLabel = (label: string | undefined): label is SentimentLabel =>
  (sentimentLabelValues as readonly string[]).includes(label ?? "");

/** The context's channel, agent and tag filters on a conversation-level row, given the columns holding them. */
const conversationFilters = (ctx: ReportContext, columns: { channel: SQL; agent: SQL; contact: SQL }): SQL[] => [
  channelCondition(ctx, columns.channel),
  agentCondition(ctx, columns.agent),
  contactTagCondition(ctx, columns.contact),
];

const where = (parts: SQL[]): SQL => sql.join(parts, sql` and `);

/**
 * Quality over the context's range:
 * - sentiment.distribution: conversations active in the range (report_conversations.opened_at < end and
 *   (resolved_at is null or resolved_at >= start)) by their current conversation_insights.sentiment_label; unscored
 *   ones left out; always the three labels. Filters: channel, agent (the current assignee), tag.
 * - sentiment.trend: the `sentiment` counter per bucket (one per scored inbound message, by label);
 *   averageScore = sum of scores / scored messages (null without any). Channel and agent filters as the facts carry
 *   them; null with a tag filter (counters are not per contact).
 * - csat: csat_responses with at in [start, end): responses, average score, satisfiedRate = share of 4 and 5 (null
 *   without responses), distribution of scores 1..5 (always five rows). Filters: channel, agent (csat_responses.agent_id,
 *   the assignee when it was given), tag (the conversation's contact).
 * - negativeUnanswered: now (not in the range): conversations with status open, handled by a human, waiting for a
 *   person (report_conversations.waiting_since set) and whose sentiment label is negative. Filters: channel, agent (the
 *   assignee), tag.
 */
export async function qualityReport(db: DbOrTx, ctx: ReportContext): Promise<QualityReport> {
  const start = ctx.start.toISOString();
  const end = ctx.end.toISOString();
  const conversationFilter = conversationFilters(ctx, {
    channel: sql`rc.channel_id`,
    agent: sql`rc.assignee_id`,
    contact: sql`rc.contact_id`,
  });
  const [distributionRows, trendRows, csatRows, negativeRows] = await Promise.all([
    // Active = resolved inside or after the range, or not resolved: two index range scans (resolved_at) instead of
    // one scan of every conversation opened before the range's end.
    queryRows<{ label: string; conversations: string | number }>(
      db,
      sql`select ci.sentiment_label as label, count(*) as conversations
        from (
          select rc.conversation_id, rc.channel_id, rc.assignee_id, rc.contact_id from report_conversations rc
            where rc.workspace_id = ${ctx.workspaceId} and rc.resolved_at >= ${start}::timestamptz and rc.opened_at < ${end}::timestamptz
          union all
          select rc.conversation_id, rc.channel_id, rc.assignee_id, rc.contact_id from report_conversations rc
            where rc.workspace_id = ${ctx.workspaceId} and rc.resolved_at is null and rc.opened_at < ${end}::timestamptz
        ) rc
        join conversation_insights ci on ci.conversation_id = rc.conversation_id
        where ${where([sql`ci.sentiment_label is not null`, ...conversationFilter])}
        group by ci.sentiment_label`,
    ),
    ctx.tag ? Promise.resolve(undefined) : sumCounters(db, ctx, ["sentiment"], ["bucket", "dim"]),
    queryRows<{ score: number; responses: string | number }>(
      db,
      sql`select cr.score, count(*) as responses
        from csat_responses cr
        where ${where([
          sql`cr.workspace_id = ${ctx.workspaceId}`,
          sql`cr.at >= ${start}::timestamptz`,
          sql`cr.at < ${end}::timestamptz`,
          sql`cr.score between 1 and 5`,
          ...conversationFilters(ctx, {
            channel: sql`cr.channel_id`,
            agent: sql`cr.agent_id`,
            contact: sql`(select c.contact_id from conversations c where c.id = cr.conversation_id)`,
          }),
        ])}
        group by cr.score`,
    ),
    queryRows<{ conversations: string | number }>(
      db,
      sql`select count(*) as conversations
        from conversations c
        join report_conversations rc on rc.conversation_id = c.id
        join conversation_insights ci on ci.conversation_id = c.id
        where ${where([
          sql`c.workspace_id = ${ctx.workspaceId}`,
          sql`c.status = 'open'`,
          sql`c.handled_by = 'human'`,
          sql`rc.waiting_since is not null`,
          sql`ci.sentiment_label = 'negative'`,
          ...conversationFilters(ctx, { channel: sql`c.channel_id`, agent: sql`c.assignee_id`, contact: sql`c.contact_id` }),
        ])}`,
    ),
  ]);

  const byLabel = new Map(distributionRows.map((row) => [row.label, Number(row.conversations)]));

  let trend: QualityReport["sentiment"]["trend"] = null;
  if (trendRows) {
    const perBucket = new Map<number, { count: number; total: number; labels: Record<SentimentLabel, number> }>();
    for (const row of trendRows) {
      const key = row.bucketStart?.getTime() ?? 0;
      const sums = perBucket.get(key) ?? { count: 0, total: 0, labels: { negative: 0, neutral: 0, positive: 0 } };
      sums.count += row.count;
      sums.total += row.total;
      if (isSentimentLabel(row.dim)) sums.labels[row.dim] += row.count;
      perBucket.set(key, sums);
    }
    trend = bucketsOf(ctx).map(({ bucket, start: bucketStart }) => {
      const sums = perBucket.get(bucketStart.getTime());
      return {
        bucket,
        start: bucketStart.toISOString(),
        averageScore: sums && sums.count > 0 ? sums.total / sums.count : null,
        negative: sums?.labels.negative ?? 0,
        neutral: sums?.labels.neutral ?? 0,
        positive: sums?.labels.positive ?? 0,
      };
    });
  }

  const byScore = new Map(csatRows.map((row) => [Number(row.score), Number(row.responses)]));
  const responses = [...byScore.values()].reduce((sum, n) => sum + n, 0);
  const scoreSum = [...byScore].reduce((sum, [score, n]) => sum + score * n, 0);
  const satisfied = (byScore.get(4) ?? 0) + (byScore.get(5) ?? 0);

  return {
    range: rangeOf(ctx),
    sentiment: {
      distribution: sentimentLabelValues.map((label) => ({ label, conversations: byLabel.get(label) ?? 0 })),
      trend,
    },
    csat: {
      responses,
      average: responses > 0 ? scoreSum / responses : null,
      satisfiedRate: responses > 0 ? satisfied / responses : null,
      distribution: CSAT_SCORES.map((score) => ({ score, count: byScore.get(score) ?? 0 })),
    },
    negativeUnanswered: Number(negativeRows[0]?.conversations ?? 0),
  };
}
