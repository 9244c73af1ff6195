import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { handoffReasonValues } from "./bot-handoffs.ts";
import { workspaces } from "./workspaces.ts";

/**
 * The reports' fact tables (modules/reports). They are written in the same transaction as the change they record
 * (`modules/reports/facts.ts`), so a report never re-scans messages and never misses or double-counts a change.
 * They hold ids, counts, durations and Meta's codes — never content — so they are not encrypted. Foreign keys are left
 * out on purpose except the workspace's: facts outlive an erased contact's messages, and the hot paths stay cheap.
 */

/**
 * `agent_id` of the rollup rows that sum every agent (and facts with none): a report without an agent filter reads only
 * these, so its row count does not grow with the number of agents.
 */
export const ALL_AGENTS = "ffffffff-ffff-ffff-ffff-ffffffffffff";

/** `hour`: UTC hours (any zone, hour series). `day`: days of the workspace's time zone (its day, week and month series). */
export const rollupGrains = ["hour", "day"] as const;
export type RollupGrain = (typeof rollupGrains)[number];

/**
 * Counter metrics (`metric` of report_events / report_rollups) and what their `dim` holds. One event per change.
 * `agent_id` is the agent the fact belongs to (sender, assignee at the moment) or null.
 */
export const reportMetrics = [
  /** An inbound message. dim: message type (text, image, …). */
  "message.in",
  /** An outbound message queued. dim: message type. agent: the sending user (senderKind agent). */
  "message.out",
  /** An outbound message queued. dim: who sent it: agent | bot | system | campaign. */
  "message.out_by",
  /** An outbound message first reached this state (a jump sent→read records delivered too). dim: ''. agent: sender. */
  "status.sent",
  "status.delivered",
  "status.read",
  /** dim: the error code (Meta's, e.g. "131026", or Papo's, e.g. "papo.opted_out"). */
  "status.failed",
  /** The same four for template messages. dim: template name. */
  "template.sent",
  "template.delivered",
  "template.read",
  "template.failed",
  /** The same four for campaign messages. dim: campaign id. */
  "campaign.sent",
  "campaign.delivered",
  "campaign.read",
  "campaign.failed",
  /** A billable message (Meta's status pricing, counted once per message). dim: `<category>:<country ISO>` (country "ZZ" when unknown). total: estimated cost in USD from the price table. */
  "billable",
  /** The same, per campaign. dim: campaign id. total: estimated USD. */
  "campaign.billable",
  /** An inbound message scored by the copilot. dim: sentiment label. total: its score (-1..1). */
  "sentiment",
  /** A CSAT answer. dim: the score "1".."5". total: the score. agent: the assignee when it was given. */
  "csat",
] as const;
export type ReportMetric = (typeof reportMetrics)[number];

/** Append-only counter events, written in the change's transaction; folded into report_rollups every few seconds. */
export const reportEvents = pgTable(
  "report_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    metric: text("metric", { enum: reportMetrics }).notNull(),
    channelId: uuid("channel_id").notNull(),
    agentId: uuid("agent_id"),
    dim: text("dim").notNull().default(""),
    count: integer("count").notNull().default(1),
    total: doublePrecision("total").notNull().default(0),
  },
  (t) => [index("report_events_workspace_idx").on(t.workspaceId, t.metric, t.at)],
);

/**
 * Sums of report_events, each event counted in four rows: its UTC hour and its workspace-local day, each once for all
 * agents (ALL_AGENTS) and once for its agent (when it has one). A report = rollups in range + events not folded yet.
 * Day rows follow the workspace's time zone: changing the zone rebuilds them from the hour rows (`fold.ts`).
 */
export const reportRollups = pgTable(
  "report_rollups",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    metric: text("metric", { enum: reportMetrics }).notNull(),
    grain: text("grain", { enum: rollupGrains }).notNull(),
    /** Start of the UTC hour, or local midnight of the workspace's day. */
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    channelId: uuid("channel_id").notNull(),
    /** The agent, or ALL_AGENTS for the row that sums everyone. */
    agentId: uuid("agent_id").notNull(),
    dim: text("dim").notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
    total: doublePrecision("total").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.metric, t.grain, t.agentId, t.periodStart, t.channelId, t.dim] })],
);

export const conversationOpeners = ["contact", "business"] as const;

/** One row per conversation: its life as the reports see it (opened, first answered, handed off, resolved). */
export const reportConversations = pgTable(
  "report_conversations",
  {
    conversationId: uuid("conversation_id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true, precision: 3 }).notNull(),
    /** Who wrote first: the customer, or the business (an agent, a template, a campaign). */
    openedBy: text("opened_by", { enum: conversationOpeners }).notNull(),
    /** Current assignee (kept in step with conversations.assignee_id). */
    assigneeId: uuid("assignee_id"),
    /** Since when the customer waits for a person: the first unanswered inbound message (or the handoff); null when answered. */
    waitingSince: timestamp("waiting_since", { withTimezone: true, precision: 3 }),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true, precision: 3 }),
    firstResponderId: uuid("first_responder_id"),
    /** Last resolution (null again when reopened); resolutions counts every one. */
    resolvedAt: timestamp("resolved_at", { withTimezone: true, precision: 3 }),
    resolvedById: uuid("resolved_by_id"),
    resolutions: integer("resolutions").notNull().default(0),
    /** The bot answered this conversation at some point. */
    botHandled: boolean("bot_handled").notNull().default(false),
    handedOffAt: timestamp("handed_off_at", { withTimezone: true, precision: 3 }),
    handoffReason: text("handoff_reason", { enum: handoffReasonValues }),
    /** Messages sent by people (agents) in this conversation; 0 = no human ever wrote. */
    agentMessages: integer("agent_messages").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index("report_conversations_opened_idx").on(t.workspaceId, t.openedAt),
    index("report_conversations_resolved_idx").on(t.workspaceId, t.resolvedAt),
    index("report_conversations_waiting_idx").on(t.workspaceId, t.waitingSince).where(sql`${t.waitingSince} is not null`),
  ],
);

export const durationKinds = ["first_response", "reply", "resolution", "handoff"] as const;
export type DurationKind = (typeof durationKinds)[number];

/**
 * One measured interval, kept whole (not folded) so medians and p90 are exact. `at` is when it ended; seconds is
 * calendar time, business_seconds the part inside the workspace's business hours as they were when it was recorded.
 */
export const reportDurations = pgTable(
  "report_durations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: durationKinds }).notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    conversationId: uuid("conversation_id").notNull(),
    channelId: uuid("channel_id").notNull(),
    /** The agent who answered / resolved (null for handoff and unassigned resolutions). */
    agentId: uuid("agent_id"),
    seconds: doublePrecision("seconds").notNull(),
    businessSeconds: doublePrecision("business_seconds").notNull(),
  },
  // Wide on purpose: medians over a long range read the index alone (an index-only scan), not 500k table rows.
  (t) => [
    index("report_durations_workspace_idx").on(
      t.workspaceId,
      t.kind,
      t.at,
      t.seconds,
      t.businessSeconds,
      t.channelId,
      t.agentId,
      t.conversationId,
    ),
    // An agent's own numbers and a team's read a few agents' durations: this finds them without passing everyone's.
    index("report_durations_agent_idx").on(
      t.workspaceId,
      t.agentId,
      t.kind,
      t.at,
      t.seconds,
      t.businessSeconds,
      t.channelId,
      t.conversationId,
    ),
  ],
);

/**
 * Durations of one closed month summed as a log-scale histogram (modules/reports/duration-histogram.ts), per zone the
 * month was asked in, kind, clock (calendar or business seconds), channel and agent (and all agents). Filled on first
 * use from report_durations once the month is over (durations end when they are recorded, so a closed month no longer
 * changes); long speed series and long agents and teams reports read these instead of sorting a year of durations.
 * `buckets`: {"<bucket index>": count}.
 */
export const reportDurationMonths = pgTable(
  "report_duration_months",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    timeZone: text("time_zone").notNull(),
    /** Local midnight of the month's first day in `time_zone`. */
    monthStart: timestamp("month_start", { withTimezone: true }).notNull(),
    kind: text("kind", { enum: durationKinds }).notNull(),
    business: boolean("business").notNull(),
    channelId: uuid("channel_id").notNull(),
    /** The agent, or ALL_AGENTS for the row over every duration (those without an agent too). */
    agentId: uuid("agent_id").notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
    /** Sum of the seconds, for the exact average. */
    total: doublePrecision("total").notNull(),
    buckets: jsonb("buckets").$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.timeZone, t.business, t.agentId, t.kind, t.monthStart, t.channelId] })],
);

/** The duration kinds that make an agent count as having handled a conversation (not handoff: the bot's). */
export const handlingKinds = ["first_response", "reply", "resolution"] as const satisfies readonly DurationKind[];

/**
 * One row per agent and conversation with a handling duration (`handlingKinds`): when the first and last of them
 * ended. "Conversations handled in a range" is then a count of rows, not a distinct count over every duration; a pair
 * whose first is before the range and last after it is checked against report_durations (rare: conversations are
 * episodes, a new one per return of the customer). Written with the durations (facts.ts `insertDurations`).
 */
export const reportHandled = pgTable(
  "report_handled",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    agentId: uuid("agent_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    channelId: uuid("channel_id").notNull(),
    firstAt: timestamp("first_at", { withTimezone: true, precision: 3 }).notNull(),
    lastAt: timestamp("last_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.agentId, t.conversationId] }),
    // Ranges end near now: pairs whose last duration is after the range's start are found without passing older ones.
    index("report_handled_last_idx").on(t.workspaceId, t.lastAt, t.firstAt, t.agentId, t.channelId, t.conversationId),
  ],
);

/** One live-console connection of a user: online time is the union of these intervals. */
export const agentPresence = pgTable(
  "agent_presence",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }).notNull(),
    /** Heartbeat: a row not ended whose heartbeat is older than 90 s ended at its heartbeat (the process died). */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, precision: 3 }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [index("agent_presence_workspace_idx").on(t.workspaceId, t.startedAt)],
);
