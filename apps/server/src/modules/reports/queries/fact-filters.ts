import { type SQL, sql } from "drizzle-orm";
import type { ReportContext } from "../context.ts";

/**
 * SQL pieces shared by the conversation-level reports: the context's filters applied to one fact's columns. Each
 * returns a condition (never empty) so callers can join them with `and`.
 */

export const uuidList = (ids: readonly string[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** The agent filter on a fact's agent column; a team with nobody matches nothing. */
export function agentCondition(ctx: Pick<ReportContext, "agentIds">, column: SQL): SQL {
  if (!ctx.agentIds) return sql`true`;
  if (ctx.agentIds.length === 0) return sql`false`;
  return sql`${column} in (${uuidList(ctx.agentIds)})`;
}

export function channelCondition(ctx: Pick<ReportContext, "channelId">, column: SQL): SQL {
  return ctx.channelId ? sql`${column} = ${ctx.channelId}::uuid` : sql`true`;
}

/** The tag filter: the contact carries the tag now (tags are read live, not as they were at the fact's time). */
export function contactTagCondition(ctx: Pick<ReportContext, "tag">, contactIdColumn: SQL): SQL {
  if (!ctx.tag) return sql`true`;
  return sql`exists (select 1 from contacts tagged where tagged.id = ${contactIdColumn} and tagged.tags @> jsonb_build_array(${ctx.tag}::text))`;
}

/** The same, for a fact that only knows its conversation: the contact is found through report_conversations. */
export function conversationTagCondition(ctx: Pick<ReportContext, "tag">, conversationIdColumn: SQL): SQL {
  if (!ctx.tag) return sql`true`;
  return sql`exists (select 1 from report_conversations tagged_rc join contacts tagged on tagged.id = tagged_rc.contact_id
    where tagged_rc.conversation_id = ${conversationIdColumn} and tagged.tags @> jsonb_build_array(${ctx.tag}::text))`;
}

export function instantBetween(column: SQL, start: Date, end: Date): SQL {
  return sql`${column} >= ${start.toISOString()}::timestamptz and ${column} < ${end.toISOString()}::timestamptz`;
}

/** The series bucket an instant falls in (the same expression `bucketsOf` mirrors). */
export function bucketOf(ctx: Pick<ReportContext, "granularity" | "timeZone">, column: SQL): SQL {
  return sql`date_trunc(${ctx.granularity}::text, ${column}, ${ctx.timeZone}::text)`;
}

/** The ISO key of an instant selected as `extract(epoch from …)` (text, so no driver reads it in its own zone). */
export const epochKey = (epoch: string | number | null): string => new Date(Number(epoch) * 1000).toISOString();

/** A Date from a timestamp column, whichever driver read it. */
export const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

/** A number from a count or sum column (bigint and numeric come back as strings). */
export const toNumber = (value: string | number | null | undefined): number => (value === null || value === undefined ? 0 : Number(value));
