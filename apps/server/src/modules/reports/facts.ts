import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import type { handoffReasonValues } from "../../db/schema/bot-handoffs.ts";
import type { BusinessHours } from "../../db/schema/bot-settings.ts";
import type { MessageStatus } from "../../db/schema/messages.ts";
import { type DurationKind, handlingKinds, type ReportMetric } from "../../db/schema/reports.ts";
import { CAMPAIGN_CANCELLED } from "../campaigns/sender-repo.ts";
import { businessSecondsBetween } from "./business-time.ts";

/**
 * The reports' fact writers. Each is called inside the transaction of the change it records, only when that change
 * really happened (a row inserted, a status advanced), so facts are neither lost nor doubled. Each costs one statement,
 * three when an interval ends (the duration rows, then the agent's report_handled row). See db/schema/reports.ts for the tables and docs/metrics.md for what
 * the numbers mean. The workspace's business hours are read in the statement that ends an interval (a primary-key
 * read), so a change of hours applies from the next fact on and no cache can be stale.
 */

export type SenderKind = "contact" | "agent" | "bot" | "system";
export type HandoffReason = (typeof handoffReasonValues)[number];

interface EventFact {
  metric: ReportMetric;
  dim?: string;
  agentId?: string | null;
  total?: number;
}

const iso = (at: Date) => at.toISOString();

/** `insert into report_events` for several metrics of one change, as a statement or a CTE part. */
function eventsInsert(workspaceId: string, channelId: string, at: Date, events: EventFact[]): SQL {
  const rows = events.map(
    (e) =>
      sql`(${workspaceId}::uuid, ${iso(at)}::timestamptz, ${e.metric}, ${channelId}::uuid, ${e.agentId ?? null}::uuid, ${e.dim ?? ""}, 1, ${e.total ?? 0})`,
  );
  return sql`insert into report_events (workspace_id, at, metric, channel_id, agent_id, dim, count, total) values ${sql.join(rows, sql`, `)}`;
}

async function insertEvents(db: DbOrTx, workspaceId: string, channelId: string, at: Date, events: EventFact[]): Promise<void> {
  if (events.length) await db.execute(eventsInsert(workspaceId, channelId, at, events));
}

interface DurationFact {
  kind: DurationKind;
  conversationId: string;
  channelId: string;
  agentId: string | null;
  from: Date;
  to: Date;
}

async function insertDurations(db: DbOrTx, workspaceId: string, hours: BusinessHours | null, durations: DurationFact[]): Promise<void> {
  if (!durations.length) return;
  const rows = durations.map((d) => {
    // A clock that ran backwards between two facts (a late webhook stamped earlier) is a zero wait, not a negative one.
    const seconds = Math.max(0, (d.to.getTime() - d.from.getTime()) / 1000);
    const business = businessSecondsBetween(hours, d.from, d.to);
    return sql`(${workspaceId}::uuid, ${d.kind}, ${iso(d.to)}::timestamptz, ${d.conversationId}::uuid, ${d.channelId}::uuid, ${d.agentId}::uuid, ${seconds}, ${business})`;
  });
  await db.execute(
    sql`insert into report_durations (workspace_id, kind, at, conversation_id, channel_id, agent_id, seconds, business_seconds) values ${sql.join(rows, sql`, `)}`,
  );
  await recordHandled(
    db,
    workspaceId,
    durations.map((d) => ({ ...d, at: d.to })),
  );
}

/**
 * Widens the report_handled row of each agent and conversation among these durations (inserted with them) to their
 * `at`. Pairs are merged here first: one statement may not update the same row twice.
 */
export async function recordHandled(
  db: DbOrTx,
  workspaceId: string,
  durations: { kind: DurationKind; at: Date; conversationId: string; channelId: string; agentId?: string | null }[],
): Promise<void> {
  const pairs = new Map<string, { agentId: string; conversationId: string; channelId: string; first: Date; last: Date }>();
  for (const d of durations) {
    if (!d.agentId || !(handlingKinds as readonly DurationKind[]).includes(d.kind)) continue;
    // Lower-cased: two spellings of one id would make the upsert touch a row twice and fail the whole change.
    const key = `${d.agentId} ${d.conversationId}`.toLowerCase();
    const pair = pairs.get(key);
    if (!pair) pairs.set(key, { agentId: d.agentId, conversationId: d.conversationId, channelId: d.channelId, first: d.at, last: d.at });
    else {
      if (d.at < pair.first) pair.first = d.at;
      if (d.at > pair.last) pair.last = d.at;
    }
  }
  if (pairs.size === 0) return;
  const rows = [...pairs.values()].map(
    (p) =>
      sql`(${workspaceId}::uuid, ${p.agentId}::uuid, ${p.conversationId}::uuid, ${p.channelId}::uuid, ${iso(p.first)}::timestamptz, ${iso(p.last)}::timestamptz)`,
  );
  await db.execute(sql`
    insert into report_handled (workspace_id, agent_id, conversation_id, channel_id, first_at, last_at) values ${sql.join(rows, sql`, `)}
    on conflict (workspace_id, agent_id, conversation_id) do update
      set first_at = least(report_handled.first_at, excluded.first_at), last_at = greatest(report_handled.last_at, excluded.last_at)`);
}

const hoursOf = (workspaceId: string) => sql`(select business_hours from workspaces where id = ${workspaceId}::uuid)`;
const dateOf = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

/** A conversation row was inserted. */
export async function recordConversationOpened(
  db: DbOrTx,
  fact: {
    workspaceId: string;
    conversationId: string;
    channelId: string;
    contactId: string;
    at: Date;
    openedBy: "contact" | "business";
    assigneeId?: string | null;
  },
): Promise<void> {
  await db.execute(sql`
    insert into report_conversations (conversation_id, workspace_id, channel_id, contact_id, opened_at, opened_by, assignee_id, updated_at)
    values (${fact.conversationId}::uuid, ${fact.workspaceId}::uuid, ${fact.channelId}::uuid, ${fact.contactId}::uuid,
      ${iso(fact.at)}::timestamptz, ${fact.openedBy}, ${fact.assigneeId ?? null}::uuid, ${iso(fact.at)}::timestamptz)
    on conflict (conversation_id) do nothing`);
}

/**
 * An inbound customer message was stored (not a redelivery). The customer starts waiting for a person unless they
 * already wait, or the bot handles the conversation (the bot answers; nobody is late).
 */
export async function recordInboundMessage(
  db: DbOrTx,
  fact: { workspaceId: string; conversationId: string; channelId: string; type: string; at: Date },
): Promise<void> {
  await db.execute(sql`
    with event as (${eventsInsert(fact.workspaceId, fact.channelId, fact.at, [{ metric: "message.in", dim: fact.type }])})
    update report_conversations set waiting_since = ${iso(fact.at)}::timestamptz, updated_at = ${iso(fact.at)}::timestamptz
    where conversation_id = ${fact.conversationId}::uuid and waiting_since is null
      and exists (select 1 from conversations c where c.id = ${fact.conversationId}::uuid and c.handled_by = 'human')`);
}

/**
 * An outbound message was queued. An agent's message answers a waiting customer: it ends the wait (a `reply`
 * duration, and the `first_response` when it is the conversation's first). A `scheduled` message is written by an
 * agent ahead of time, not in answer to the wait: it counts as the agent's message but ends no wait. Bot, system and
 * campaign messages end no wait either.
 */
export async function recordOutboundMessage(
  db: DbOrTx,
  fact: {
    workspaceId: string;
    conversationId: string;
    channelId: string;
    type: string;
    at: Date;
    senderKind: SenderKind;
    senderUserId: string | null;
    campaignId: string | null;
    /** Queued by the scheduler (modules/scheduling) at a time chosen in advance. */
    scheduled?: boolean;
  },
): Promise<void> {
  const agentId = fact.senderKind === "agent" ? fact.senderUserId : null;
  const by = fact.campaignId ? "campaign" : fact.senderKind === "contact" ? "system" : fact.senderKind;
  const events = eventsInsert(fact.workspaceId, fact.channelId, fact.at, [
    { metric: "message.out", dim: fact.type, agentId },
    { metric: "message.out_by", dim: by, agentId },
  ]);
  if (fact.senderKind === "bot") {
    await db.execute(sql`
      with event as (${events})
      update report_conversations set bot_handled = true, updated_at = ${iso(fact.at)}::timestamptz
      where conversation_id = ${fact.conversationId}::uuid and not bot_handled`);
    return;
  }
  if (fact.senderKind !== "agent" || fact.campaignId) {
    await db.execute(events);
    return;
  }
  const answers = !fact.scheduled;
  const [before] = await queryRows<{ waiting_since: Date | string | null; first: boolean; hours: BusinessHours | null }>(
    db,
    sql`
    with event as (${events}),
    before as (select conversation_id, waiting_since, first_response_at from report_conversations
      where conversation_id = ${fact.conversationId}::uuid for update)
    update report_conversations rc set
      agent_messages = rc.agent_messages + 1,
      waiting_since = case when ${answers}::boolean then null else rc.waiting_since end,
      first_response_at = case when ${answers}::boolean and rc.waiting_since is not null then coalesce(rc.first_response_at, ${iso(fact.at)}::timestamptz) else rc.first_response_at end,
      first_responder_id = case when ${answers}::boolean and rc.waiting_since is not null and rc.first_response_at is null then ${agentId}::uuid else rc.first_responder_id end,
      updated_at = ${iso(fact.at)}::timestamptz
    from before where rc.conversation_id = before.conversation_id
    returning before.waiting_since, before.first_response_at is null as first,
      case when ${answers}::boolean and before.waiting_since is not null then ${hoursOf(fact.workspaceId)} end as hours`,
  );
  const waitingSince = dateOf(before?.waiting_since ?? null);
  if (!answers || !before || !waitingSince) return;
  const interval = { conversationId: fact.conversationId, channelId: fact.channelId, agentId, from: waitingSince, to: fact.at };
  await insertDurations(db, fact.workspaceId, before.hours, [
    { kind: "reply", ...interval },
    ...(before.first ? [{ kind: "first_response" as const, ...interval }] : []),
  ]);
}

/** Steps of the delivery ladder a status passes (accepted/sending/queued are before it; played is after read). */
const LADDER: Partial<Record<MessageStatus, number>> = { sent: 1, delivered: 2, read: 3, played: 4 };
const STEPS = ["sent", "delivered", "read"] as const;

/** An outbound message's status moved forward from `from` to `to` (monotonic rule already applied). */
export async function recordStatusAdvance(
  db: DbOrTx,
  fact: {
    workspaceId: string;
    channelId: string;
    messageId: string;
    from: MessageStatus;
    to: MessageStatus;
    at: Date;
    senderUserId: string | null;
    errorCode: string | null;
    templateName: string | null;
    campaignId: string | null;
  },
): Promise<void> {
  const agentId = fact.senderUserId;
  const reached: Array<(typeof STEPS)[number] | "failed"> = [];
  if (fact.to === "failed") reached.push("failed");
  else {
    const fromRank = LADDER[fact.from] ?? 0;
    const toRank = LADDER[fact.to] ?? 0;
    for (const step of STEPS) if ((LADDER[step] ?? 0) > fromRank && (LADDER[step] ?? 0) <= toRank) reached.push(step);
  }
  const events: EventFact[] = [];
  for (const step of reached) {
    events.push({ metric: `status.${step}`, dim: step === "failed" ? (fact.errorCode ?? "unknown") : "", agentId });
    if (fact.templateName !== null) events.push({ metric: `template.${step}`, dim: fact.templateName, agentId });
    if (fact.campaignId !== null) events.push({ metric: `campaign.${step}`, dim: fact.campaignId, agentId });
  }
  await insertEvents(db, fact.workspaceId, fact.channelId, fact.at, events);
}

/**
 * Messages Papo failed itself, without a status from Meta (opt-out, erased contact, send refused, outcome unknown):
 * `status.failed` with Papo's error code as stored on the message, plus `campaign.failed` for campaign messages and
 * `template.failed` for campaign templates (the campaign names its template). A cancelled campaign's messages that
 * never went are not delivery failures: not counted. Call it after the messages were marked failed, in the same
 * transaction.
 */
export async function recordMessagesFailed(db: DbOrTx, workspaceId: string, messageIds: string[], at: Date): Promise<void> {
  if (!messageIds.length) return;
  const ids = sql`array[${sql.join(
    messageIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  await db.execute(sql`
    insert into report_events (workspace_id, at, metric, channel_id, agent_id, dim, count, total)
    select m.workspace_id, ${iso(at)}::timestamptz, f.metric, m.channel_id, m.sender_user_id, f.dim, 1, 0
    from messages m
    left join campaigns c on c.id = m.campaign_id
    cross join lateral (values
      ('status.failed', coalesce(m.error_code, 'unknown')),
      ('campaign.failed', m.campaign_id::text),
      ('template.failed', case when m.type = 'template' then c.template_name end)
    ) as f(metric, dim)
    where m.workspace_id = ${workspaceId}::uuid and m.id = any(${ids}) and m.status = 'failed' and f.dim is not null
      and m.error_code is distinct from ${CAMPAIGN_CANCELLED}`);
}

/**
 * Meta said a message is billable (counted once per message: `billed_category` is set only while null). `country` is
 * the contact's ISO country or null; `priceUsd` the estimate from the workspace's price table.
 */
export async function recordBillable(
  db: DbOrTx,
  fact: {
    workspaceId: string;
    channelId: string;
    messageId: string;
    category: string;
    country: string | null;
    priceUsd: number;
    campaignId: string | null;
    /** The person who sent it (null for the bot, Papo, campaigns). */
    agentId: string | null;
    at: Date;
  },
): Promise<boolean> {
  const first = await queryRows<{ id: string }>(
    db,
    sql`update messages set billed_category = ${fact.category} where id = ${fact.messageId}::uuid and billed_category is null returning id`,
  );
  if (!first.length) return false;
  await insertEvents(db, fact.workspaceId, fact.channelId, fact.at, [
    { metric: "billable", dim: `${fact.category}:${fact.country ?? "ZZ"}`, total: fact.priceUsd, agentId: fact.agentId },
    ...(fact.campaignId ? [{ metric: "campaign.billable" as const, dim: fact.campaignId, total: fact.priceUsd }] : []),
  ]);
  return true;
}

/**
 * Conversations resolved at `at` (an agent, the API, an erasure). Each unresolved one counts a resolution by its
 * assignee at that moment, with its `resolution` duration from opening; the customer no longer waits. Already
 * resolved ones change nothing.
 */
export async function recordConversationsResolved(db: DbOrTx, workspaceId: string, conversationIds: string[], at: Date): Promise<void> {
  if (!conversationIds.length) return;
  const ids = sql`array[${sql.join(
    conversationIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const resolved = await queryRows<{
    conversation_id: string;
    channel_id: string;
    assignee_id: string | null;
    opened_at: Date | string;
    hours: BusinessHours | null;
  }>(
    db,
    sql`
    update report_conversations set resolved_at = ${iso(at)}::timestamptz, resolved_by_id = assignee_id,
      resolutions = resolutions + 1, waiting_since = null, updated_at = ${iso(at)}::timestamptz
    where workspace_id = ${workspaceId}::uuid and conversation_id = any(${ids}) and resolved_at is null
    returning conversation_id, channel_id, assignee_id, opened_at, ${hoursOf(workspaceId)} as hours`,
  );
  const first = resolved[0];
  if (!first) return;
  await insertDurations(
    db,
    workspaceId,
    first.hours,
    resolved.map((r) => ({
      kind: "resolution" as const,
      conversationId: r.conversation_id,
      channelId: r.channel_id,
      agentId: r.assignee_id,
      from: dateOf(r.opened_at) ?? at,
      to: at,
    })),
  );
}

/**
 * The conversation's status, assignee or handler changed (conversations repo `update`). Resolving is
 * `recordConversationsResolved`; reopening (open or pending) clears the last resolution's time; the bot taking the
 * conversation marks it bot-handled and the customer no longer waits for a person; a person taking it from the bot is
 * a handoff (`agent_request`).
 */
export async function recordConversationChange(
  db: DbOrTx,
  fact: {
    workspaceId: string;
    conversationId: string;
    at: Date;
    status?: "open" | "pending" | "resolved" | undefined;
    assigneeId?: string | null | undefined;
    handledBy?: "bot" | "human" | undefined;
    /** A person took the conversation from the bot (the takeover button, an assignment, an agent writing in it). */
    takenFromBot?: boolean | undefined;
  },
): Promise<void> {
  // First, so an assignee set in the same change stays (a handoff clears the assignee).
  if (fact.takenFromBot)
    await recordHandoff(db, {
      workspaceId: fact.workspaceId,
      conversationId: fact.conversationId,
      reason: "agent_request",
      at: fact.at,
      startsWait: false,
    });
  const set: SQL[] = [];
  if (fact.assigneeId !== undefined) set.push(sql`assignee_id = ${fact.assigneeId}::uuid`);
  if (fact.status === "open" || fact.status === "pending") set.push(sql`resolved_at = null`);
  if (fact.handledBy === "bot") set.push(sql`bot_handled = true`, sql`waiting_since = null`);
  if (set.length)
    await db.execute(sql`
      update report_conversations set ${sql.join(set, sql`, `)}, updated_at = ${iso(fact.at)}::timestamptz
      where workspace_id = ${fact.workspaceId}::uuid and conversation_id = ${fact.conversationId}::uuid`);
  // After the assignee: a conversation assigned and resolved in one request is resolved by its new assignee.
  if (fact.status === "resolved") await recordConversationsResolved(db, fact.workspaceId, [fact.conversationId], fact.at);
}

/**
 * The bot handed the conversation to people (or an agent moved it from the bot). The first handoff keeps its time and
 * reason and records the `handoff` duration from opening; later ones change neither. The customer now waits for a
 * person (unless already waiting), and the conversation is open and unassigned again.
 */
export async function recordHandoff(
  db: DbOrTx,
  fact: {
    workspaceId: string;
    conversationId: string;
    reason: HandoffReason;
    at: Date;
    /**
     * Whether the customer now waits for a person (default). Not when a person takes the conversation themselves:
     * they are there already, and an answer in the same breath would be a zero-second "reply".
     */
    startsWait?: boolean;
  },
): Promise<void> {
  const startsWait = fact.startsWait ?? true;
  const [before] = await queryRows<{ first: boolean; channel_id: string; opened_at: Date | string; hours: BusinessHours | null }>(
    db,
    sql`
    with before as (select conversation_id, handed_off_at from report_conversations
      where conversation_id = ${fact.conversationId}::uuid for update)
    update report_conversations rc set
      handed_off_at = coalesce(rc.handed_off_at, ${iso(fact.at)}::timestamptz),
      handoff_reason = coalesce(rc.handoff_reason, ${fact.reason}),
      waiting_since = ${startsWait ? sql`coalesce(rc.waiting_since, ${iso(fact.at)}::timestamptz)` : sql`rc.waiting_since`},
      assignee_id = null, resolved_at = null, updated_at = ${iso(fact.at)}::timestamptz
    from before where rc.conversation_id = before.conversation_id and rc.workspace_id = ${fact.workspaceId}::uuid
    returning before.handed_off_at is null as first, rc.channel_id, rc.opened_at,
      case when before.handed_off_at is null then ${hoursOf(fact.workspaceId)} end as hours`,
  );
  if (!before?.first) return;
  await insertDurations(db, fact.workspaceId, before.hours, [
    {
      kind: "handoff",
      conversationId: fact.conversationId,
      channelId: before.channel_id,
      agentId: null,
      from: dateOf(before.opened_at) ?? fact.at,
      to: fact.at,
    },
  ]);
}

/** The copilot scored an inbound message's sentiment for the first time. */
export async function recordSentiment(
  db: DbOrTx,
  fact: { workspaceId: string; channelId: string; label: string; score: number; at: Date },
): Promise<void> {
  await insertEvents(db, fact.workspaceId, fact.channelId, fact.at, [{ metric: "sentiment", dim: fact.label, total: fact.score }]);
}

/** A customer satisfaction score was recorded (modules/csat). */
export async function recordCsat(
  db: DbOrTx,
  fact: { workspaceId: string; channelId: string; conversationId: string; agentId: string | null; score: number; at: Date },
): Promise<void> {
  await insertEvents(db, fact.workspaceId, fact.channelId, fact.at, [
    { metric: "csat", dim: String(fact.score), agentId: fact.agentId, total: fact.score },
  ]);
}
