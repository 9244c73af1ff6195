import { z } from "zod";
import { handoffReasonValues } from "../../db/schema/bot-handoffs.ts";

/**
 * The reports API (`GET /api/v1/reports/...`): query and answer shapes. Definitions of every number are in
 * docs/metrics.md. Durations are seconds. Buckets are read on the wall clock of `timeZone`.
 */

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");

export const granularities = ["hour", "day", "week", "month"] as const;
export type Granularity = (typeof granularities)[number];

export const reportQuery = z.object({
  from: localDate.optional().describe("First day, inclusive, in timeZone (default: 29 days before `to`)"),
  to: localDate.optional().describe("Last day, inclusive, in timeZone (default: today)"),
  timeZone: z.string().min(1).max(64).optional().describe("IANA time zone of the days and buckets (default: the workspace's)"),
  granularity: z.enum(granularities).optional().describe("Series bucket (default day; weeks start on Monday)"),
  channelId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  teamId: z.uuid().optional().describe("The team's current members"),
  tag: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe("Conversations whose contact carries this tag now; message-level numbers are null with it"),
  businessHours: z.enum(["true", "false"]).optional().describe("Count durations inside the workspace's business hours only"),
  format: z.enum(["json", "csv"]).optional().describe("csv: the report's table as text/csv"),
});
export type ReportQuery = z.infer<typeof reportQuery>;

export const reportRange = z.object({
  from: localDate,
  to: localDate,
  timeZone: z.string(),
  granularity: z.enum(granularities),
  /** The instants the range covers: [start, end). */
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  businessHours: z.boolean(),
});

/** A bucket of a series: its local label (YYYY-MM-DD, or YYYY-MM-DDTHH:00 for hours) and the instant it starts. */
const bucket = { bucket: z.string(), start: z.iso.datetime() };

export const durationStat = z.object({
  count: z.number().int(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
  average: z.number().nullable(),
});

export const volumeReport = z.object({
  range: reportRange,
  totals: z.object({
    conversationsOpened: z.number().int(),
    conversationsResolved: z.number().int(),
    messagesIn: z.number().int().nullable(),
    messagesOut: z.number().int().nullable(),
  }),
  series: z.array(
    z.object({
      ...bucket,
      conversationsOpened: z.number().int(),
      conversationsResolved: z.number().int(),
      messagesIn: z.number().int().nullable(),
      messagesOut: z.number().int().nullable(),
    }),
  ),
  messagesByType: z.array(z.object({ type: z.string(), in: z.number().int(), out: z.number().int() })).nullable(),
  messagesOutBySender: z
    .object({ agent: z.number().int(), bot: z.number().int(), system: z.number().int(), campaign: z.number().int() })
    .nullable(),
  byChannel: z.array(
    z.object({
      channelId: z.uuid(),
      name: z.string(),
      conversationsOpened: z.number().int(),
      conversationsResolved: z.number().int(),
      messagesIn: z.number().int().nullable(),
      messagesOut: z.number().int().nullable(),
    }),
  ),
});

/** How medians and p90 were computed: sorted from every duration, or read from closed months' histograms. */
const percentilesKind = z.enum(["exact", "approximate"]);

export const speedReport = z.object({
  range: reportRange,
  /**
   * "exact": medians and p90 sorted from every duration. "approximate": a month series over more than a quarter, read
   * from closed months' histograms: medians and p90 within 1% + 0.5 s (counts and averages stay exact).
   */
  percentiles: percentilesKind,
  firstResponse: durationStat,
  reply: durationStat,
  resolution: durationStat,
  series: z.array(z.object({ ...bucket, firstResponse: durationStat, reply: durationStat, resolution: durationStat })),
});

const performanceFields = {
  conversationsHandled: z.number().int(),
  conversationsResolved: z.number().int(),
  messagesSent: z.number().int().nullable(),
  firstResponse: durationStat,
  reply: durationStat,
  resolution: durationStat,
  openNow: z.number().int(),
  onlineSeconds: z.number(),
  csatAverage: z.number().nullable(),
};

export const agentsReport = z.object({
  range: reportRange,
  /** "approximate": a range over more than a quarter (no tag filter) reads closed months' per-agent histograms. */
  percentiles: percentilesKind,
  agents: z.array(z.object({ userId: z.uuid(), name: z.string(), role: z.string(), active: z.boolean(), ...performanceFields })),
});

export const teamsReport = z.object({
  range: reportRange,
  /** As the agents report's: a team pools its members' histograms. */
  percentiles: percentilesKind,
  teams: z.array(z.object({ teamId: z.uuid(), name: z.string(), members: z.number().int(), ...performanceFields })),
});

export const botReport = z.object({
  range: reportRange,
  conversationsHandled: z.number().int(),
  contained: z.number().int(),
  containmentRate: z.number().nullable(),
  handedOff: z.number().int(),
  handoffsByReason: z.array(z.object({ reason: z.enum(handoffReasonValues), count: z.number().int() })),
  timeToHandoff: durationStat,
  series: z.array(z.object({ ...bucket, handled: z.number().int(), contained: z.number().int(), handedOff: z.number().int() })),
});

export const sentimentLabelValues = ["negative", "neutral", "positive"] as const;

export const qualityReport = z.object({
  range: reportRange,
  sentiment: z.object({
    /** Conversations active in the range, by their current sentiment (unscored ones are left out). */
    distribution: z.array(z.object({ label: z.enum(sentimentLabelValues), conversations: z.number().int() })),
    /** Scored inbound messages per bucket; null with a tag filter. */
    trend: z
      .array(
        z.object({
          ...bucket,
          averageScore: z.number().nullable(),
          negative: z.number().int(),
          neutral: z.number().int(),
          positive: z.number().int(),
        }),
      )
      .nullable(),
  }),
  csat: z.object({
    responses: z.number().int(),
    average: z.number().nullable(),
    /** Share of 4 and 5 scores. */
    satisfiedRate: z.number().nullable(),
    distribution: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
  }),
  /** Now: open human-handled conversations whose sentiment is negative and that wait for an answer. */
  negativeUnanswered: z.number().int(),
});

const deliveryCounts = {
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  failed: z.number().int(),
};

export const deliveryReport = z.object({
  range: reportRange,
  totals: z.object({
    ...deliveryCounts,
    deliveredRate: z.number().nullable(),
    readRate: z.number().nullable(),
    failedRate: z.number().nullable(),
  }),
  series: z.array(z.object({ ...bucket, ...deliveryCounts })),
  failuresByCode: z.array(z.object({ code: z.string(), count: z.number().int() })),
  byChannel: z.array(z.object({ channelId: z.uuid(), name: z.string(), ...deliveryCounts })),
  byTemplate: z.array(z.object({ template: z.string(), ...deliveryCounts })),
  campaigns: z.array(z.object({ campaignId: z.uuid(), name: z.string(), status: z.string(), ...deliveryCounts })),
});

const costFields = { billable: z.number().int(), estimatedCost: z.number() };

export const costReport = z.object({
  range: reportRange,
  currency: z.literal("USD"),
  totals: z.object(costFields),
  series: z.array(z.object({ ...bucket, ...costFields })),
  byCategory: z.array(z.object({ category: z.string(), ...costFields })),
  byCountry: z.array(z.object({ country: z.string(), ...costFields })),
  byCampaign: z.array(z.object({ campaignId: z.uuid(), name: z.string(), ...costFields })),
});

export const overviewReport = z.object({
  at: z.iso.datetime(),
  open: z.number().int(),
  pending: z.number().int(),
  unassigned: z.number().int(),
  /** Open conversations whose customer waits for a person. */
  waiting: z.number().int(),
  waitingLongest: z.object({ conversationId: z.uuid(), since: z.iso.datetime(), seconds: z.number() }).nullable(),
  needsAttention: z.number().int(),
  botActive: z.number().int(),
  agentsOnline: z.array(z.object({ userId: z.uuid(), name: z.string(), since: z.iso.datetime(), openAssigned: z.number().int() })),
});

/** What a drill-down lists: the conversations behind a number. */
export const drillMetrics = [
  "opened",
  "resolved",
  "first_response",
  "reply",
  "resolution",
  "bot_handled",
  "contained",
  "handed_off",
  "waiting",
  "unassigned",
  "negative_unanswered",
] as const;

export const drillQuery = reportQuery.omit({ format: true, granularity: true }).extend({
  metric: z.enum(drillMetrics),
  /** Narrow to one bucket of a series (an instant range inside the report's range). */
  bucketStart: z.iso.datetime().optional(),
  bucketEnd: z.iso.datetime().optional(),
  handoffReason: z.enum(handoffReasonValues).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const drillReport = z.object({
  items: z.array(
    z.object({
      conversationId: z.uuid(),
      channelId: z.uuid(),
      contactName: z.string().nullable(),
      status: z.string(),
      openedAt: z.iso.datetime(),
      resolvedAt: z.iso.datetime().nullable(),
      assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      /** The measured duration for duration metrics (first_response, reply, resolution, waiting). */
      seconds: z.number().nullable(),
      at: z.iso.datetime().describe("When the fact happened (opened, resolved, answered, …)"),
    }),
  ),
  nextCursor: z.string().nullable(),
});
