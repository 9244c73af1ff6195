import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, freemem, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createFieldCipher } from "../src/crypto/field-cipher.ts";
import { loadMasterKeys } from "../src/crypto/master-key.ts";
import { type Db, openDatabase } from "../src/db/client.ts";
import { queryRows } from "../src/db/raw.ts";
import { addDays, type ReportContext, resolveReportContext } from "../src/modules/reports/context.ts";
import { foldReportEvents } from "../src/modules/reports/fold.ts";
import { agentsReport } from "../src/modules/reports/queries/agents.ts";
import { botReport } from "../src/modules/reports/queries/bot.ts";
import { costReport } from "../src/modules/reports/queries/cost.ts";
import { deliveryReport } from "../src/modules/reports/queries/delivery.ts";
import { drillReport } from "../src/modules/reports/queries/drill.ts";
import { overviewReport } from "../src/modules/reports/queries/overview.ts";
import { qualityReport } from "../src/modules/reports/queries/quality.ts";
import { speedReport } from "../src/modules/reports/queries/speed.ts";
import { teamsReport } from "../src/modules/reports/queries/teams.ts";
import { volumeReport } from "../src/modules/reports/queries/volume.ts";
import type { ReportQuery } from "../src/modules/reports/schemas.ts";
import { instantToLocal } from "../src/modules/scheduling/local-time.ts";
import {
  CONTACT_TAGS,
  dropScratch,
  generateEvents,
  generateHistory,
  generateUnfoldedEvents,
  type HistoryIds,
  type HistoryShape,
} from "./reports-history.ts";
import { scratchPostgres } from "./scratch-postgres.ts";

/*
 * npm run bench:reports [-- --postgres postgres://… --postgres-only --runs 15 --conversations 100000 --keep --only speed,agents]
 *
 * Generates a year of service shaped like 1M messages and 100k conversations in one workspace (plus a small second
 * workspace, so scoping is part of what is measured), folds the message-level events into hour and day rollups (timed:
 * events/s), leaves ~2,000 events unfolded so reports read through the rollup + events union, then times every report
 * per scenario: median and p95 of --runs runs after 2 warm-ups, on PGlite (a temporary data folder) and on PostgreSQL
 * when --postgres or TEST_DATABASE_URL is given (a scratch database, dropped after unless --keep, to EXPLAIN by hand).
 * The target is 200 ms per report. Not part of `npm test`.
 */

const argOf = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const numberArg = (name: string, fallback: number): number => {
  const value = Number(argOf(name) ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const RUNS = numberArg("runs", 15);
const WARM_UPS = 2;
const CONVERSATIONS = numberArg("conversations", 100_000);
const UNFOLDED_EVENTS = 2_000;
const TARGET_MS = 200;
const PG_URL = argOf("postgres") ?? process.env.TEST_DATABASE_URL;
const KEEP = process.argv.includes("--keep");
const ONLY_POSTGRES = process.argv.includes("--postgres-only");
/** `--only speed,agents`: time those reports alone (the history is generated whole either way). */
const ONLY_REPORTS = argOf("only")?.split(",");

type ContextReport = (db: Db, ctx: ReportContext) => Promise<unknown>;

/** Reports that take a context, and whether they count per conversation (the only ones a tag filter applies to). */
const CONTEXT_REPORTS: { name: string; fn: ContextReport; conversationLevel: boolean }[] = [
  { name: "volume", fn: volumeReport, conversationLevel: true },
  { name: "speed", fn: speedReport, conversationLevel: true },
  { name: "agents", fn: agentsReport, conversationLevel: true },
  { name: "teams", fn: teamsReport, conversationLevel: true },
  { name: "bot", fn: botReport, conversationLevel: true },
  { name: "quality", fn: qualityReport, conversationLevel: true },
  { name: "delivery", fn: deliveryReport, conversationLevel: false },
  { name: "cost", fn: costReport, conversationLevel: false },
];

interface Scenario {
  name: string;
  query: Omit<ReportQuery, "format">;
  tagFilter?: boolean;
}

function scenariosFor(ids: HistoryIds, today: string): Scenario[] {
  return [
    { name: "365 d by month", query: { from: addDays(today, -364), to: today, granularity: "month" } },
    { name: "30 d by day", query: { granularity: "day" } },
    { name: "7 d by hour", query: { from: addDays(today, -6), to: today, granularity: "hour" } },
    { name: "30 d, channel", query: { granularity: "day", channelId: ids.channelIds[1] } },
    { name: "30 d, team", query: { granularity: "day", teamId: ids.teamIds[2] } },
    { name: "30 d, tag", query: { granularity: "day", tag: CONTACT_TAGS[0] }, tagFilter: true },
  ];
}

interface Timing {
  report: string;
  scenario: string;
  database: string;
  medianMs: number | null;
  p95Ms: number | null;
  note?: string;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;

async function time(run: () => Promise<unknown>): Promise<{ medianMs: number; p95Ms: number }> {
  for (let i = 0; i < WARM_UPS; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95) };
}

interface RunSummary {
  database: string;
  version: string;
  generationSeconds: number;
  events: number;
  foldSeconds: number;
  eventsPerSecond: number;
  counts: Record<string, number>;
  timings: Timing[];
}

const seconds = (since: number) => (performance.now() - since) / 1000;

async function run(kind: "pglite" | "postgres"): Promise<RunSummary> {
  const dataDir = mkdtempSync(join(tmpdir(), "papo-bench-reports-"));
  const scratch = kind === "postgres" && PG_URL ? await scratchPostgres(PG_URL, "papo_bench_reports") : undefined;
  const label = kind === "pglite" ? "PGlite" : "PostgreSQL";
  const database = await openDatabase(scratch ? { kind: "postgres", url: scratch.url } : { kind: "pglite", dir: join(dataDir, "pglite") });
  const { db } = database;
  try {
    const cipher = createFieldCipher(loadMasterKeys({ configured: randomBytes(32), dataDir }), { indexKey: randomBytes(32) });
    const now = new Date();
    const big: HistoryShape = {
      workspaceId: randomUUID(),
      prefix: `b${randomBytes(4).toString("hex")}`,
      conversations: CONVERSATIONS,
      agents: 40,
      teams: 5,
      channels: 3,
      days: 365,
      now,
    };
    const small: HistoryShape = {
      ...big,
      workspaceId: randomUUID(),
      prefix: `s${randomBytes(4).toString("hex")}`,
      conversations: 1_000,
      agents: 4,
    };

    console.log(`${label}: generating ${CONVERSATIONS} conversations over 365 days (+ ${small.conversations} in a second workspace)…`);
    const generationStarted = performance.now();
    const ids = await generateHistory(db, cipher, big);
    await generateHistory(db, cipher, small);
    const events = await generateEvents(db, big);
    const folded = events + (await generateEvents(db, small));
    const generationSeconds = seconds(generationStarted);
    console.log(`${label}: generated in ${generationSeconds.toFixed(1)} s: ${events} report_events, ${JSON.stringify(ids.counts)}`);

    const foldStarted = performance.now();
    while ((await foldReportEvents(db)) > 0) {
      // A batch at a time, as the fold worker drains a backlog.
    }
    const foldSeconds = seconds(foldStarted);
    console.log(`${label}: folded in ${foldSeconds.toFixed(1)} s (${Math.round(folded / foldSeconds)} events/s)`);
    // What autovacuum does after the fold's deletes: without it the drained report_events keeps ~2M dead rows' pages,
    // which a live system (a few seconds of backlog) never has.
    await db.execute(sql`vacuum report_events`);
    await generateUnfoldedEvents(db, big, UNFOLDED_EVENTS);
    await dropScratch(db, big.prefix);
    await dropScratch(db, small.prefix);
    await db.execute(sql`vacuum analyze`);
    const [rollups] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from report_rollups`);
    const [pending] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from report_events`);
    ids.counts.report_rollups = Number(rollups?.n ?? 0);
    ids.counts.report_events_unfolded = Number(pending?.n ?? 0);
    console.log(`${label}: ${ids.counts.report_rollups} rollup rows, ${ids.counts.report_events_unfolded} events left unfolded`);

    const timings: Timing[] = [];
    const record = (timing: Timing) => {
      timings.push(timing);
      const figures =
        timing.medianMs === null ? (timing.note ?? "") : `median ${timing.medianMs.toFixed(1)} ms, p95 ${timing.p95Ms?.toFixed(1)} ms`;
      console.log(`${label}: ${timing.report.padEnd(9)} ${timing.scenario.padEnd(16)} ${figures}`);
    };
    const workspaceId = big.workspaceId;
    const today = instantToLocal(now, "America/Sao_Paulo").slice(0, 10);
    const wanted = (name: string) => !ONLY_REPORTS || ONLY_REPORTS.includes(name);
    if (wanted("speed")) {
      // The first year-by-month ask sums the closed months into report_duration_months (later asks reuse them): once.
      const first = scenariosFor(ids, today)[0];
      if (first) {
        const ctx = await resolveReportContext({ db, workspaceId, query: first.query, now });
        const started = performance.now();
        await speedReport(db, ctx);
        const ms = performance.now() - started;
        record({ report: "speed", scenario: `${first.name}, first ask (sums 11 months)`, database: label, medianMs: ms, p95Ms: ms });
      }
    }
    for (const report of CONTEXT_REPORTS) {
      if (!wanted(report.name)) continue;
      for (const scenario of scenariosFor(ids, today)) {
        if (scenario.tagFilter && !report.conversationLevel) continue;
        const ctx = await resolveReportContext({ db, workspaceId, query: scenario.query, now });
        record({ report: report.name, scenario: scenario.name, database: label, ...(await time(() => report.fn(db, ctx))) });
      }
    }
    if (wanted("overview"))
      record({ report: "overview", scenario: "now", database: label, ...(await time(() => overviewReport(db, { workspaceId, now }))) });
    for (const metric of wanted("drill") ? (["resolved", "first_response"] as const) : []) {
      const ctx = await resolveReportContext({ db, workspaceId, query: {}, now });
      record({
        report: "drill",
        scenario: `30 d, ${metric}`,
        database: label,
        ...(await time(() => drillReport(db, cipher, ctx, { metric, limit: 50 }))),
      });
    }

    const [version] = await queryRows<{ version: string }>(db, sql`select version() as version`);
    return {
      database: label,
      version: (version?.version ?? "").split(" on ")[0] ?? "",
      generationSeconds,
      events: folded,
      foldSeconds,
      eventsPerSecond: Math.round(folded / foldSeconds),
      counts: ids.counts,
      timings,
    };
  } finally {
    await database.close();
    if (scratch && KEEP) console.log(`${label}: kept ${scratch.url} (--keep): drop it with "drop database ${scratch.name}"`);
    else await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const summaries: RunSummary[] = [];
if (!ONLY_POSTGRES) summaries.push(await run("pglite"));
if (PG_URL) summaries.push(await run("postgres"));
else console.log("PostgreSQL skipped: pass --postgres <url> or set TEST_DATABASE_URL");

const cell = (value: number | null) => (value === null ? "—" : value.toFixed(1));
console.log(
  `\nMachine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${(freemem() / 2 ** 30).toFixed(1)} GiB free; ${RUNS} runs after ${WARM_UPS} warm-ups`,
);
console.log("\n| database | generation (s) | report_events | fold (s) | fold events/s |");
console.log("|---|---|---|---|---|");
for (const s of summaries)
  console.log(
    `| ${s.database} (${s.version}) | ${s.generationSeconds.toFixed(1)} | ${s.events} | ${cell(s.foldSeconds)} | ${s.eventsPerSecond} |`,
  );
console.log(`\n| report | scenario | ${summaries.map((s) => `${s.database} median / p95 ms`).join(" | ")} | under ${TARGET_MS} ms |`);
console.log(`|---|---|${summaries.map(() => "---|").join("")}---|`);
const first = summaries[0];
for (const [i, timing] of (first?.timings ?? []).entries()) {
  const row = summaries.map((s) => s.timings[i]);
  const figures = row.map((t) => (t?.medianMs == null ? (t?.note ?? "—") : `${cell(t.medianMs)} / ${cell(t.p95Ms)}`));
  const measured = row.filter((t): t is Timing => t?.p95Ms != null);
  const verdict =
    measured.length === 0
      ? "—"
      : measured.every((t) => (t.p95Ms ?? Number.POSITIVE_INFINITY) < TARGET_MS)
        ? "yes"
        : `no (${measured
            .filter((t) => (t.p95Ms ?? 0) >= TARGET_MS)
            .map((t) => t.database)
            .join(", ")})`;
  console.log(`| ${timing.report} | ${timing.scenario} | ${figures.join(" | ")} | ${verdict} |`);
}
