import type {
  AgentsReport,
  DrillItem,
  OverviewReport,
  PerformanceFields,
  ReportRange,
  SpeedReport,
  TeamsReport,
  VolumeReport,
} from "../api/types.ts";

export const AGENT_ID = "6f1c2b1e-8d53-4b7a-9a55-2d3f3b0a1c01";
export const CHANNEL_ID = "0b9c7e7a-5a8e-4a55-8f8e-0d86a3c2b7f2";

export function buildRange(overrides: Partial<ReportRange> = {}): ReportRange {
  return {
    from: "2026-02-22",
    to: "2026-02-28",
    timeZone: "America/Sao_Paulo",
    granularity: "day",
    start: "2026-02-22T03:00:00.000Z",
    end: "2026-03-01T03:00:00.000Z",
    businessHours: false,
    ...overrides,
  };
}

export function buildVolume(overrides: Partial<VolumeReport> = {}): VolumeReport {
  return {
    range: buildRange(),
    totals: { conversationsOpened: 12, conversationsResolved: 9, messagesIn: 140, messagesOut: 1203 },
    series: [
      {
        bucket: "2026-02-27",
        start: "2026-02-27T03:00:00.000Z",
        conversationsOpened: 5,
        conversationsResolved: 4,
        messagesIn: 60,
        messagesOut: 503,
      },
      {
        bucket: "2026-02-28",
        start: "2026-02-28T03:00:00.000Z",
        conversationsOpened: 7,
        conversationsResolved: 5,
        messagesIn: 80,
        messagesOut: 700,
      },
    ],
    messagesByType: [{ type: "text", in: 130, out: 1200 }],
    messagesOutBySender: { agent: 1100, bot: 100, system: 3, campaign: 0 },
    byChannel: [
      { channelId: CHANNEL_ID, name: "Vendas", conversationsOpened: 12, conversationsResolved: 9, messagesIn: 140, messagesOut: 1203 },
    ],
    ...overrides,
  };
}

const stat = (median: number | null, p90: number | null, average: number | null, count: number) => ({ median, p90, average, count });

export function buildSpeed(): SpeedReport {
  return {
    range: buildRange(),
    percentiles: "exact",
    firstResponse: stat(45, 600, 200, 10),
    reply: stat(720, 3600, 900, 40),
    resolution: stat(12_000, 190_800, 50_000, 9),
    series: [],
  };
}

export function buildPerformance(): PerformanceFields {
  return {
    conversationsHandled: 14,
    conversationsResolved: 11,
    messagesSent: 120,
    firstResponse: stat(45, 600, 200, 10),
    reply: stat(720, 3600, 900, 40),
    resolution: stat(12_000, 190_800, 50_000, 9),
    openNow: 3,
    onlineSeconds: 7200,
    csatAverage: 4.5,
  };
}

export function buildAgents(percentiles: AgentsReport["percentiles"] = "exact"): AgentsReport {
  return {
    range: buildRange(),
    percentiles,
    agents: [{ userId: AGENT_ID, name: "Lia Prado", role: "agent", active: true, ...buildPerformance() }],
  };
}

export function buildTeams(percentiles: TeamsReport["percentiles"] = "exact"): TeamsReport {
  return { range: buildRange(), percentiles, teams: [{ teamId: "7a0f", name: "Suporte", members: 1, ...buildPerformance() }] };
}

export function buildOverview(overrides: Partial<OverviewReport> = {}): OverviewReport {
  return {
    at: "2026-02-28T15:00:00.000Z",
    open: 8,
    pending: 1,
    unassigned: 3,
    waiting: 4,
    waitingLongest: { conversationId: "1d7b0a52-1c1f-4d9a-8a67-66c3b8a3c9d0", since: "2026-02-28T11:40:00.000Z", seconds: 12_000 },
    needsAttention: 1,
    botActive: 2,
    agentsOnline: [{ userId: AGENT_ID, name: "Lia Prado", since: "2026-02-28T11:00:00.000Z", openAssigned: 5 }],
    ...overrides,
  };
}

export function buildDrillItem(n: number): DrillItem {
  const suffix = String(n).padStart(12, "0");
  return {
    conversationId: `9b6f3a2e-1111-4c3d-8e5f-${suffix}`,
    channelId: CHANNEL_ID,
    contactName: `Cliente ${n}`,
    status: "open",
    openedAt: "2026-02-28T12:00:00.000Z",
    resolvedAt: null,
    assignee: { id: AGENT_ID, name: "Lia Prado" },
    seconds: null,
    at: "2026-02-28T12:00:00.000Z",
  };
}
