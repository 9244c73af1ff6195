/**
 * The reports API (README → HTTP API → Reports), mirrored by hand from apps/server/src/modules/reports/schemas.ts:
 * the console never imports server code. Durations are seconds; buckets are read on the wall clock of `timeZone`.
 */
const id = (value: string) => encodeURIComponent(value);

export const reportTabs = ["volume", "speed", "agents", "bot", "quality", "delivery", "cost"] as const;
export type ReportTab = (typeof reportTabs)[number];

/** What an agent without `reports.view` may open: their own numbers only. */
export const ownNumbersTabs: readonly ReportTab[] = ["volume", "speed", "agents"];

/** Tabs whose numbers are message-level only: the server refuses a tag filter there (`reports.filter_unsupported`). */
export const tagUnsupportedTabs: readonly ReportTab[] = ["delivery", "cost"];

export const reportPaths = {
  report: (name: ReportTab | "teams" | "overview") => `/api/v1/reports/${id(name)}`,
  conversations: "/api/v1/reports/conversations",
  teams: "/api/v1/teams",
  users: "/api/v1/users",
  me: "/api/v1/auth/me",
} as const;

export const granularities = ["hour", "day", "week", "month"] as const;
export type Granularity = (typeof granularities)[number];

/** The header's choices, as the query string every report takes. */
export interface ReportFilters {
  from: string;
  to: string;
  timeZone: string;
  granularity: Granularity;
  channelId?: string | undefined;
  agentId?: string | undefined;
  teamId?: string | undefined;
  tag?: string | undefined;
  businessHours: boolean;
}

export const reportKeys = {
  all: ["reports"] as const,
  report: (tab: string, filters: ReportFilters) => ["reports", tab, filters] as const,
  overview: ["reports", "overview"] as const,
  drill: (query: DrillRequest | null) => ["reports", "drill", query] as const,
  teams: ["teams"] as const,
  me: ["auth", "me"] as const,
};

export interface ReportRange {
  from: string;
  to: string;
  timeZone: string;
  granularity: Granularity;
  start: string;
  end: string;
  businessHours: boolean;
}

interface Bucket {
  /** Local label: YYYY-MM-DD, or YYYY-MM-DDTHH:00 for hours. */
  bucket: string;
  /** The instant the bucket starts. */
  start: string;
}

export interface DurationStat {
  count: number;
  median: number | null;
  p90: number | null;
  average: number | null;
}

interface VolumeCounts {
  conversationsOpened: number;
  conversationsResolved: number;
  messagesIn: number | null;
  messagesOut: number | null;
}

export interface VolumeReport {
  range: ReportRange;
  totals: VolumeCounts;
  series: Array<Bucket & VolumeCounts>;
  messagesByType: Array<{ type: string; in: number; out: number }> | null;
  messagesOutBySender: { agent: number; bot: number; system: number; campaign: number } | null;
  byChannel: Array<VolumeCounts & { channelId: string; name: string }>;
}

export interface SpeedReport {
  range: ReportRange;
  /** "approximate": a long month series read from histograms (medians and p90 within 1%). */
  percentiles: "exact" | "approximate";
  firstResponse: DurationStat;
  reply: DurationStat;
  resolution: DurationStat;
  series: Array<Bucket & { firstResponse: DurationStat; reply: DurationStat; resolution: DurationStat }>;
}

export interface PerformanceFields {
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

export interface AgentsReport {
  range: ReportRange;
  percentiles: "exact" | "approximate";
  agents: Array<PerformanceFields & { userId: string; name: string; role: string; active: boolean }>;
}

export interface TeamsReport {
  range: ReportRange;
  percentiles: "exact" | "approximate";
  teams: Array<PerformanceFields & { teamId: string; name: string; members: number }>;
}

export const handoffReasons = [
  "customer_request",
  "negative_sentiment",
  "unsure",
  "human_only_topic",
  "outside_business_hours",
  "agent_request",
  "bot_unavailable",
] as const;
export type HandoffReason = (typeof handoffReasons)[number];

export interface BotReport {
  range: ReportRange;
  conversationsHandled: number;
  contained: number;
  containmentRate: number | null;
  handedOff: number;
  handoffsByReason: Array<{ reason: HandoffReason; count: number }>;
  timeToHandoff: DurationStat;
  series: Array<Bucket & { handled: number; contained: number; handedOff: number }>;
}

export type SentimentLabel = "negative" | "neutral" | "positive";

export interface QualityReport {
  range: ReportRange;
  sentiment: {
    distribution: Array<{ label: SentimentLabel; conversations: number }>;
    trend: Array<Bucket & { averageScore: number | null; negative: number; neutral: number; positive: number }> | null;
  };
  csat: {
    responses: number;
    average: number | null;
    satisfiedRate: number | null;
    distribution: Array<{ score: number; count: number }>;
  };
  negativeUnanswered: number;
}

export interface DeliveryCounts {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

export interface DeliveryReport {
  range: ReportRange;
  totals: DeliveryCounts & { deliveredRate: number | null; readRate: number | null; failedRate: number | null };
  series: Array<Bucket & DeliveryCounts>;
  failuresByCode: Array<{ code: string; count: number }>;
  byChannel: Array<DeliveryCounts & { channelId: string; name: string }>;
  byTemplate: Array<DeliveryCounts & { template: string }>;
  campaigns: Array<DeliveryCounts & { campaignId: string; name: string; status: string }>;
}

interface CostFields {
  billable: number;
  estimatedCost: number;
}

export interface CostReport {
  range: ReportRange;
  currency: "USD";
  totals: CostFields;
  series: Array<Bucket & CostFields>;
  byCategory: Array<CostFields & { category: string }>;
  byCountry: Array<CostFields & { country: string }>;
  byCampaign: Array<CostFields & { campaignId: string; name: string }>;
}

export interface OverviewReport {
  at: string;
  open: number;
  pending: number;
  unassigned: number;
  waiting: number;
  waitingLongest: { conversationId: string; since: string; seconds: number } | null;
  needsAttention: number;
  botActive: number;
  agentsOnline: Array<{ userId: string; name: string; since: string; openAssigned: number }>;
}

export interface ReportByTab {
  volume: VolumeReport;
  speed: SpeedReport;
  agents: AgentsReport;
  bot: BotReport;
  quality: QualityReport;
  delivery: DeliveryReport;
  cost: CostReport;
}

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
export type DrillMetric = (typeof drillMetrics)[number];

/** Which conversations a drill-down lists: a metric, optionally narrowed to one bucket of a series or a reason. */
export interface DrillTarget {
  metric: DrillMetric;
  bucketStart?: string | undefined;
  bucketEnd?: string | undefined;
  handoffReason?: string | undefined;
  /** What the panel's title says it shows ("Conversas abertas · 12 de nov."). */
  label: string;
}

export type DrillRequest = Omit<DrillTarget, "label"> & Omit<ReportFilters, "granularity">;

export interface DrillItem {
  conversationId: string;
  channelId: string;
  contactName: string | null;
  status: string;
  openedAt: string;
  resolvedAt: string | null;
  assignee: { id: string; name: string } | null;
  seconds: number | null;
  at: string;
}

export interface DrillPage {
  items: DrillItem[];
  nextCursor: string | null;
}

export interface Team {
  id: string;
  name: string;
  memberIds: string[];
}

export interface ReportUser {
  id: string;
  name: string;
  role: string;
  active?: boolean;
  effectivePermissions?: string[];
}
