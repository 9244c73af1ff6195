import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { FieldCipher } from "../../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../../db/client.ts";
import { queryRows } from "../../../db/raw.ts";
import { badRequest } from "../../../http/errors.ts";
import type { ConversationScope } from "../../access/scope.ts";
import type { ReportContext } from "../context.ts";
import type { drillQuery, drillReport as drillReportSchema } from "../schemas.ts";
import { CONTAINED, cohortConditions } from "./bot.ts";
import { durationConditions, secondsColumn } from "./durations.ts";
import { agentCondition, channelCondition, contactTagCondition, instantBetween, toDate } from "./fact-filters.ts";

export type DrillReport = z.infer<typeof drillReportSchema>;
export type DrillParams = Pick<
  z.infer<typeof drillQuery>,
  "metric" | "bucketStart" | "bucketEnd" | "handoffReason" | "cursor" | "limit"
> & {
  /**
   * Whose conversations the caller may open (modules/access/scope.ts): a list never names a contact of a conversation
   * the caller cannot see, whatever the report counted. Default: the whole workspace.
   */
  scope?: ConversationScope;
};

/** The scope as a condition on the drill query's `conversations c`. */
const inScope = (workspaceId: string, scope: ConversationScope | undefined): SQL =>
  !scope || scope.all
    ? sql`true`
    : sql`(c.assignee_id = ${scope.userId}::uuid or c.channel_id in (
        select cm.channel_id from channel_members cm where cm.workspace_id = ${workspaceId}::uuid and cm.user_id = ${scope.userId}::uuid))`;

const DEFAULT_LIMIT = 50;

/** Opaque cursors: base64url of `<iso instant>|<tie-breaker>` (a uuid, or a zero-padded duration id). */
export function encodeDrillCursor(at: Date, key: string): string {
  return Buffer.from(`${at.toISOString()}|${key}`).toString("base64url");
}

export function decodeDrillCursor(cursor: string | undefined): { at: Date; key: string } | undefined {
  if (!cursor) return undefined;
  const [iso, key] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = iso ? new Date(iso) : undefined;
  const year = at?.getUTCFullYear() ?? Number.NaN;
  if (!at || !(year >= 1970 && year <= 9999) || !key || !/^[0-9a-f-]{1,40}$/i.test(key))
    throw badRequest("request.invalid_cursor", "cursor: not a cursor returned by this API", { field: "cursor" });
  return { at, key };
}

/**
 * The facts behind a drill-down metric, one row per fact: the conversation, when the fact happened (`at`), a
 * tie-breaker for equal instants (`key`) and the measured seconds for duration metrics. Range metrics are read in
 * [start, end); "now" metrics (waiting, unassigned, negative_unanswered) ignore the range and read the live
 * conversations not resolved (open or pending), as the overview counts them.
 */
function factsOf(ctx: ReportContext, params: DrillParams, start: Date, end: Date): SQL {
  const byConversation = sql`rc.conversation_id::text`;
  const openNow = (extra: SQL) => sql`select c.id as conversation_id, ${extra}
      from conversations c
      left join report_conversations rc on rc.conversation_id = c.id
      left join conversation_insights ci on ci.conversation_id = c.id
      where c.workspace_id = ${ctx.workspaceId}::uuid and c.status <> 'resolved'
        and ${channelCondition(ctx, sql`c.channel_id`)} and ${agentCondition(ctx, sql`c.assignee_id`)}
        and ${contactTagCondition(ctx, sql`c.contact_id`)}`;
  const waitedSeconds = sql`greatest(0, extract(epoch from (${ctx.now.toISOString()}::timestamptz - rc.waiting_since)))::float8`;
  switch (params.metric) {
    case "opened":
      return sql`select rc.conversation_id, rc.opened_at as at, ${byConversation} as key, null::float8 as seconds
        from report_conversations rc where ${cohortConditions(ctx, start, end)}`;
    case "resolved":
      return sql`select rc.conversation_id, rc.resolved_at as at, ${byConversation} as key, null::float8 as seconds
        from report_conversations rc
        where rc.workspace_id = ${ctx.workspaceId}::uuid and ${instantBetween(sql`rc.resolved_at`, start, end)}
          and ${channelCondition(ctx, sql`rc.channel_id`)} and ${agentCondition(ctx, sql`rc.resolved_by_id`)}
          and ${contactTagCondition(ctx, sql`rc.contact_id`)}`;
    case "bot_handled":
      return sql`select rc.conversation_id, rc.opened_at as at, ${byConversation} as key, null::float8 as seconds
        from report_conversations rc where ${cohortConditions(ctx, start, end)} and rc.bot_handled`;
    case "contained":
      return sql`select rc.conversation_id, rc.opened_at as at, ${byConversation} as key, null::float8 as seconds
        from report_conversations rc where ${cohortConditions(ctx, start, end)} and ${CONTAINED}`;
    case "handed_off":
      return sql`select rc.conversation_id, rc.handed_off_at as at, ${byConversation} as key, null::float8 as seconds
        from report_conversations rc where ${cohortConditions(ctx, start, end)} and rc.handed_off_at is not null
          and ${params.handoffReason ? sql`rc.handoff_reason = ${params.handoffReason}` : sql`true`}`;
    case "first_response":
    case "reply":
    case "resolution":
      // Duration ids are bigints: zero-padded so text order (byte order, "C") is numeric order.
      return sql`select d.conversation_id, d.at, lpad(d.id::text, 20, '0') as key, ${secondsColumn(ctx, "d")} as seconds
        from report_durations d where ${durationConditions(ctx, [params.metric], "d", start, end)}`;
    case "waiting":
      return openNow(sql`rc.waiting_since as at, c.id::text as key, ${waitedSeconds} as seconds`).append(
        sql` and rc.waiting_since is not null`,
      );
    case "unassigned":
      return openNow(sql`c.created_at as at, c.id::text as key, null::float8 as seconds`).append(
        sql` and c.handled_by = 'human' and c.assignee_id is null`,
      );
    case "negative_unanswered":
      return openNow(sql`rc.waiting_since as at, c.id::text as key, ${waitedSeconds} as seconds`).append(
        sql` and c.handled_by = 'human' and rc.waiting_since is not null and ci.sentiment_label = 'negative'`,
      );
  }
}

/**
 * The conversations behind a number, newest fact first, `limit` (default 50) per page with a keyset cursor. A
 * bucket (bucketStart/bucketEnd) narrows the report's range. Contact names are decrypted here; a name that cannot be
 * (erased, or a key rotated away) is null.
 */
export async function drillReport(db: DbOrTx, cipher: FieldCipher, ctx: ReportContext, params: DrillParams): Promise<DrillReport> {
  const limit = params.limit ?? DEFAULT_LIMIT;
  const after = decodeDrillCursor(params.cursor);
  const start = params.bucketStart && new Date(params.bucketStart) > ctx.start ? new Date(params.bucketStart) : ctx.start;
  const end = params.bucketEnd && new Date(params.bucketEnd) < ctx.end ? new Date(params.bucketEnd) : ctx.end;
  const rows = await queryRows<{
    conversation_id: string;
    at: Date | string;
    key: string;
    seconds: number | string | null;
    channel_id: string;
    status: string;
    opened_at: Date | string;
    resolved_at: Date | string | null;
    assignee_id: string | null;
    assignee_name: string | null;
    contact_id: string | null;
    name_enc: string | null;
  }>(
    db,
    sql`select f.conversation_id::text, f.at, f.key, f.seconds, c.channel_id::text, c.status,
          coalesce(rc.opened_at, c.created_at) as opened_at, coalesce(rc.resolved_at, c.resolved_at) as resolved_at,
          u.id::text as assignee_id, u.name as assignee_name, ct.id::text as contact_id, ct.name_enc
        from (${factsOf(ctx, params, start, end)}) f
        join conversations c on c.id = f.conversation_id
        left join report_conversations rc on rc.conversation_id = f.conversation_id
        left join users u on u.id = c.assignee_id
        left join contacts ct on ct.id = c.contact_id
        where ${after ? sql`(f.at, f.key collate "C") < (${after.at.toISOString()}::timestamptz, ${after.key}::text)` : sql`true`}
          and ${inScope(ctx.workspaceId, params.scope)}
        order by f.at desc, f.key collate "C" desc
        limit ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      conversationId: r.conversation_id,
      channelId: r.channel_id,
      contactName: contactName(cipher, ctx.workspaceId, r.contact_id, r.name_enc),
      status: r.status,
      openedAt: toDate(r.opened_at).toISOString(),
      resolvedAt: r.resolved_at === null ? null : toDate(r.resolved_at).toISOString(),
      assignee: r.assignee_id && r.assignee_name !== null ? { id: r.assignee_id, name: r.assignee_name } : null,
      seconds: r.seconds === null ? null : Number(r.seconds),
      at: toDate(r.at).toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeDrillCursor(toDate(last.at), last.key) : null,
  };
}

function contactName(cipher: FieldCipher, workspaceId: string, contactId: string | null, nameEnc: string | null): string | null {
  if (!contactId || nameEnc === null) return null;
  try {
    return cipher.decrypt({ workspaceId, table: "contacts", column: "name_enc", rowId: contactId }, nameEnc);
  } catch {
    return null;
  }
}
