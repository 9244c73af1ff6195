import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import pino from "pino";
import { parseConfig } from "../src/config.ts";
import { queryRows } from "../src/db/raw.ts";
import { type Papo, startPapo } from "../src/runtime.ts";
import type { StepRequest, StepResult } from "./load-generator.ts";

/*
 * npm run bench:intake [-- --write]
 *
 * Starts a real Papo in this process (sandbox mode, workers on: the webhook processor drains what the intake stores),
 * first on PGlite, then on PostgreSQL (BENCH_DATABASE_URL, default postgres://root@127.0.0.1:5432/test when it
 * answers; a scratch database is created and dropped). A load generator in a child process posts signed webhooks
 * (serializeLikeMeta + signPayload, a unique wamid each) at rising rates, open loop, over loopback. Per step it prints
 * the acknowledgement latency, the rows committed to webhook_events per second, and how long the processor takes to
 * turn them all into messages. It stops at the first step with errors or p99 > 1 s. `--write` puts the tables into
 * docs/benchmarks.md between its markers.
 *
 * Knobs (environment): BENCH_RATES (default 50,100,200,400,800), BENCH_STEP_SECONDS (3), BENCH_DRAIN_TIMEOUT_SECONDS
 * (20), BENCH_DATABASE_URL, BENCH_SKIP_POSTGRES=1, BENCH_WORKERS=0 (intake alone: nothing drains, for diagnosis only).
 */

const RATES = (process.env.BENCH_RATES ?? "50,100,200,400,800").split(",").map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 3);
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_TIMEOUT_SECONDS ?? 20) * 1000;
const P99_LIMIT_MS = 1000;
const WORKERS = process.env.BENCH_WORKERS !== "0";
// Ctrl-C ends the current step, then the usual cleanup runs (server closed, data folder and scratch database removed).
let interrupted = false;
process.once("SIGINT", () => {
  interrupted = true;
  console.log("\ninterrupted: stopping after this step and cleaning up");
});
const DEFAULT_PG_URL = "postgres://root@127.0.0.1:5432/test";
const WRITE_DOC = process.argv.includes("--write");
const DOC = fileURLToPath(new URL("../../../docs/benchmarks.md", import.meta.url));
const GENERATOR = fileURLToPath(new URL("./load-generator.ts", import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

interface StepRow {
  rate: number;
  warmUp: boolean;
  sent: number;
  achieved: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  durablePerSecond: number;
  processedPerSecond: number;
  drainMs: number | null;
  backlogAtEnd: number;
}

interface RunResult {
  label: string;
  version: string;
  rows: StepRow[];
  stopReason: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const round = (n: number, digits = 0) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : Number.NaN);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function count(papo: Papo, table: "webhook_events" | "messages"): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(papo.deps.database.db, sql`select count(*) as n from ${sql.identifier(table)}`);
  return Number(row?.n ?? 0);
}

function runStepInGenerator(generator: ChildProcess, step: StepRequest): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the load generator exited (code ${code})`));
    generator.once("exit", onExit);
    generator.once("message", (result) => {
      generator.off("exit", onExit);
      resolve(result as StepResult);
    });
    generator.send(step);
  });
}

async function pgReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function withScratchDatabase<T>(adminUrl: string, use: (url: string) => Promise<T>): Promise<T> {
  const name = `papo_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await use(url.toString());
  } finally {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  }
}

async function benchOne(label: string, databaseUrl: string | undefined): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "papo-bench-"));
  const appSecret = `bench-${randomBytes(12).toString("hex")}`;
  let papo: Papo | undefined;
  let generator: ChildProcess | undefined;
  try {
    const config = parseConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      SANDBOX_SIM_PORT: "0",
      DATA_DIR: dataDir,
      PAPO_MASTER_KEY: randomBytes(32).toString("hex"),
      ADMIN_EMAIL: "bench@papo.test",
      ADMIN_PASSWORD: "bench-password-123",
      WHATSAPP_APP_SECRET: appSecret,
      PAPO_SANDBOX: "1",
      LOG_LEVEL: "error",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });
    const startedAt = performance.now();
    papo = await startPapo(config, { log: pino({ level: "error" }), workers: WORKERS });
    const [versionRow] = await queryRows<{ version: string }>(papo.deps.database.db, sql`select version() as version`);
    const version = (versionRow?.version ?? "?").split(" on ")[0] ?? "?";
    console.log(`\n## ${label} (${version}) — started in ${round((performance.now() - startedAt) / 1000, 1)} s`);
    console.log(
      "target/s | sent | achieved/s | ack p50 ms | ack p99 ms | ack max ms | errors | stored/s (webhook_events rows) | processed/s (messages rows) | drain after step | backlog at step end",
    );

    generator = fork(GENERATOR, [], { execArgv: ["--import", TSX_LOADER], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const rows: StepRow[] = [];
    let stopReason = `all ${RATES.length} steps ran (no errors, p99 under ${P99_LIMIT_MS} ms)`;
    // A short warm-up first (JIT, first pages of every table): reported, but never a reason to stop.
    const steps = [{ rate: 50, seconds: 2, warmUp: true }, ...RATES.map((rate) => ({ rate, seconds: STEP_SECONDS, warmUp: false }))];
    for (const { rate, seconds, warmUp } of steps) {
      const storedBefore = await count(papo, "webhook_events");
      const messagesBefore = await count(papo, "messages");
      const stepStart = performance.now();
      const result = await runStepInGenerator(generator, { url: papo.url, appSecret, rate, seconds });
      const stepMs = performance.now() - stepStart;
      const storedAfter = await count(papo, "webhook_events");
      const messagesAtEnd = await count(papo, "messages");
      const expectedMessages = messagesBefore + result.acknowledged;

      const drainStart = performance.now();
      let drainMs: number | null = null;
      let messagesNow = messagesAtEnd;
      while (WORKERS && !interrupted && performance.now() - drainStart < DRAIN_TIMEOUT_MS) {
        messagesNow = await count(papo, "messages");
        if (messagesNow >= expectedMessages) {
          drainMs = performance.now() - drainStart;
          break;
        }
        await sleep(50);
      }
      const sorted = [...result.latenciesMs].sort((a, b) => a - b);
      const row: StepRow = {
        rate,
        warmUp,
        sent: result.sent,
        achieved: round(result.acknowledged / (result.elapsedMs / 1000), 0),
        p50: round(percentile(sorted, 50), 1),
        p99: round(percentile(sorted, 99), 1),
        max: round(sorted.at(-1) ?? Number.NaN, 1),
        errors: result.errors,
        durablePerSecond: round((storedAfter - storedBefore) / (stepMs / 1000), 0),
        processedPerSecond: round((messagesAtEnd - messagesBefore) / (stepMs / 1000), 0),
        drainMs: drainMs === null ? null : round(drainMs, 0),
        backlogAtEnd: expectedMessages - messagesAtEnd,
      };
      rows.push(row);
      console.log(
        [
          warmUp ? `${rate} (warm-up)` : rate,
          row.sent,
          row.achieved,
          row.p50,
          row.p99,
          row.max,
          `${row.errors}${result.firstError ? ` (${result.firstError})` : ""}`,
          row.durablePerSecond,
          row.processedPerSecond,
          row.drainMs !== null
            ? `${row.drainMs} ms`
            : interrupted || !WORKERS
              ? "not measured"
              : `> ${DRAIN_TIMEOUT_MS / 1000} s (${expectedMessages - messagesNow} left)`,
          row.backlogAtEnd,
        ].join(" | "),
      );
      if (interrupted) {
        stopReason = `interrupted after ${rate}/s`;
        break;
      }
      if (warmUp) continue;
      if (row.errors > 0) {
        stopReason = `stopped after ${rate}/s: ${row.errors} errors (${result.firstError})`;
        break;
      }
      if (row.p99 > P99_LIMIT_MS) {
        stopReason = `stopped after ${rate}/s: p99 ${row.p99} ms > ${P99_LIMIT_MS} ms`;
        break;
      }
      if (WORKERS && drainMs === null) {
        stopReason = `stopped after ${rate}/s: the processor did not drain within ${DRAIN_TIMEOUT_MS / 1000} s`;
        break;
      }
    }
    console.log(stopReason);
    return { label, version, rows, stopReason };
  } finally {
    generator?.kill();
    await papo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function markdown(results: RunResult[], command: string): string {
  const cpu = cpus();
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 10)}: \`${command}\``,
    "",
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}, shared and noisy (other sessions ran at the same time); loopback only. A 2 s warm-up at 50/s, then steps of ${STEP_SECONDS} s.`,
    "",
  ];
  for (const r of results) {
    lines.push(
      `### ${r.label} (${r.version})`,
      "",
      "| target/s | sent | achieved/s | ack p50 ms | ack p99 ms | ack max ms | errors | stored/s (webhook_events rows) | processed/s (messages rows) | drain after step (ms) | backlog at step end |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const s of r.rows) {
      lines.push(
        `| ${s.warmUp ? `${s.rate} (warm-up)` : s.rate} | ${s.sent} | ${s.achieved} | ${s.p50} | ${s.p99} | ${s.max} | ${s.errors} | ${s.durablePerSecond} | ${s.processedPerSecond} | ${s.drainMs ?? `> ${DRAIN_TIMEOUT_MS}`} | ${s.backlogAtEnd} |`,
      );
    }
    lines.push("", `Result: ${r.stopReason}.`, "");
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const results: RunResult[] = [];
  results.push(await benchOne("PGlite (embedded, on disk)", undefined));

  const explicit = process.env.BENCH_DATABASE_URL;
  const pgUrl = explicit ?? DEFAULT_PG_URL;
  if (interrupted) return;
  if (process.env.BENCH_SKIP_POSTGRES === "1") console.log("\nPostgreSQL skipped (BENCH_SKIP_POSTGRES=1)");
  else if (await pgReachable(pgUrl)) results.push(await withScratchDatabase(pgUrl, (url) => benchOne("PostgreSQL", url)));
  else if (explicit) throw new Error(`BENCH_DATABASE_URL does not answer: ${explicit}`);
  else console.log(`\nPostgreSQL skipped: ${DEFAULT_PG_URL} does not answer (set BENCH_DATABASE_URL)`);

  const env = [
    process.env.BENCH_DATABASE_URL ? `BENCH_DATABASE_URL=${process.env.BENCH_DATABASE_URL}` : "",
    process.env.BENCH_RATES ? `BENCH_RATES=${process.env.BENCH_RATES}` : "",
    process.env.BENCH_STEP_SECONDS ? `BENCH_STEP_SECONDS=${process.env.BENCH_STEP_SECONDS}` : "",
  ].filter(Boolean);
  const text = markdown(results, [...env, "npm run bench:intake"].join(" "));
  if (WRITE_DOC) {
    const start = "<!-- bench:intake:start -->";
    const end = "<!-- bench:intake:end -->";
    const doc = existsSync(DOC) ? readFileSync(DOC, "utf8") : `# Benchmarks\n\n${start}\n${end}\n`;
    if (!doc.includes(start) || !doc.includes(end)) throw new Error(`${DOC} lacks the ${start} / ${end} markers`);
    writeFileSync(DOC, `${doc.slice(0, doc.indexOf(start) + start.length)}\n${text}\n${doc.slice(doc.indexOf(end))}`);
    console.log(`\nwrote the tables into ${DOC}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
