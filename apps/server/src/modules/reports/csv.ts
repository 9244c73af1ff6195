import type { z } from "zod";
import { csvCell } from "../campaigns/report.ts";
import type {
  agentsReport,
  botReport,
  costReport,
  deliveryReport,
  durationStat,
  overviewReport,
  qualityReport,
  speedReport,
  teamsReport,
  volumeReport,
} from "./schemas.ts";

/** The reports a CSV export exists for (the drill-down is JSON only). */
export interface CsvReports {
  overview: z.infer<typeof overviewReport>;
  volume: z.infer<typeof volumeReport>;
  speed: z.infer<typeof speedReport>;
  agents: z.infer<typeof agentsReport>;
  teams: z.infer<typeof teamsReport>;
  bot: z.infer<typeof botReport>;
  quality: z.infer<typeof qualityReport>;
  delivery: z.infer<typeof deliveryReport>;
  cost: z.infer<typeof costReport>;
}
export type CsvReportName = keyof CsvReports;

type Cell = string | number | boolean | null;
interface Table {
  header: string[];
  rows: Cell[][];
}

/**
 * Numbers as a spreadsheet reads them: never in exponent form (1e-7), which some read as text. Tiny ones are rounded
 * to 12 decimals, far below what any of these numbers (seconds, rates, US dollars) means.
 */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return "";
  const text = String(value);
  if (!/e/i.test(text)) return text;
  if (Math.abs(value) >= 1e21) return BigInt(Math.round(value)).toString();
  return value.toFixed(12).replace(/\.?0+$/, "");
}

const cell = (value: Cell): string => {
  if (value === null) return "";
  if (typeof value === "number") return plainNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  // Text comes from people (names of agents, teams, channels): a formula-looking one is defused.
  return csvCell(value);
};

const statHeader = (prefix: string) => [`${prefix}Count`, `${prefix}MedianSeconds`, `${prefix}P90Seconds`, `${prefix}AverageSeconds`];
const statCells = (stat: z.infer<typeof durationStat>): Cell[] => [stat.count, stat.median, stat.p90, stat.average];

type Performance = CsvReports["agents"]["agents"][number];
const performanceHeader = [
  "conversationsHandled",
  "conversationsResolved",
  "messagesSent",
  ...statHeader("firstResponse"),
  ...statHeader("reply"),
  ...statHeader("resolution"),
  "openNow",
  "onlineSeconds",
  "csatAverage",
];
const performanceCells = (p: Omit<Performance, "userId" | "name" | "role" | "active">): Cell[] => [
  p.conversationsHandled,
  p.conversationsResolved,
  p.messagesSent,
  ...statCells(p.firstResponse),
  ...statCells(p.reply),
  ...statCells(p.resolution),
  p.openNow,
  p.onlineSeconds,
  p.csatAverage,
];

/** The one table each report exports (documented in each route's OpenAPI description). */
const TABLES: { [K in CsvReportName]: (report: CsvReports[K]) => Table } = {
  overview: (r) => ({
    header: ["userId", "name", "since", "openAssigned"],
    rows: r.agentsOnline.map((a) => [a.userId, a.name, a.since, a.openAssigned]),
  }),
  volume: (r) => ({
    header: ["bucket", "start", "conversationsOpened", "conversationsResolved", "messagesIn", "messagesOut"],
    rows: r.series.map((s) => [s.bucket, s.start, s.conversationsOpened, s.conversationsResolved, s.messagesIn, s.messagesOut]),
  }),
  speed: (r) => ({
    // Each row says whether its medians and p90 are exact or read from month histograms (within 1%).
    header: ["bucket", "start", ...statHeader("firstResponse"), ...statHeader("reply"), ...statHeader("resolution"), "percentiles"],
    rows: r.series.map((s) => [
      s.bucket,
      s.start,
      ...statCells(s.firstResponse),
      ...statCells(s.reply),
      ...statCells(s.resolution),
      r.percentiles,
    ]),
  }),
  agents: (r) => ({
    header: ["userId", "name", "role", "active", ...performanceHeader, "percentiles"],
    rows: r.agents.map((a) => [a.userId, a.name, a.role, a.active, ...performanceCells(a), r.percentiles]),
  }),
  teams: (r) => ({
    header: ["teamId", "name", "members", ...performanceHeader, "percentiles"],
    rows: r.teams.map((t) => [t.teamId, t.name, t.members, ...performanceCells(t), r.percentiles]),
  }),
  bot: (r) => ({
    header: ["bucket", "start", "handled", "contained", "handedOff"],
    rows: r.series.map((s) => [s.bucket, s.start, s.handled, s.contained, s.handedOff]),
  }),
  quality: (r) =>
    r.sentiment.trend
      ? {
          header: ["bucket", "start", "averageScore", "negative", "neutral", "positive"],
          rows: r.sentiment.trend.map((s) => [s.bucket, s.start, s.averageScore, s.negative, s.neutral, s.positive]),
        }
      : {
          header: ["label", "conversations"],
          rows: r.sentiment.distribution.map((d) => [d.label, d.conversations]),
        },
  delivery: (r) => ({
    header: ["bucket", "start", "sent", "delivered", "read", "failed"],
    rows: r.series.map((s) => [s.bucket, s.start, s.sent, s.delivered, s.read, s.failed]),
  }),
  cost: (r) => ({
    header: ["bucket", "start", "billable", "estimatedCostUsd"],
    rows: r.series.map((s) => [s.bucket, s.start, s.billable, s.estimatedCost]),
  }),
};

/** A report's table as CSV (RFC 4180, CRLF line ends, a header row). */
export function reportCsv<K extends CsvReportName>(name: K, report: CsvReports[K]): string {
  const table = TABLES[name](report);
  return [table.header.join(","), ...table.rows.map((row) => row.map(cell).join(","))].map((line) => `${line}\r\n`).join("");
}

/** `papo-<report>-<from>-<to>.csv`; the live overview has no range: the day it was taken. */
export function reportCsvFilename(name: CsvReportName, range: { from: string; to: string } | { at: string }): string {
  return "at" in range ? `papo-${name}-${range.at.slice(0, 10)}.csv` : `papo-${name}-${range.from}-${range.to}.csv`;
}
