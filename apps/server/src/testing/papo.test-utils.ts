import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MetaSim } from "@papo/meta-sim";
import pino from "pino";
import WebSocket from "ws";
import { boundedStop } from "../bounded-stop.ts";
import { type Config, parseConfig } from "../config.ts";
import type { UserRole } from "../db/schema/users.ts";
import { hashPassword } from "../modules/auth/passwords.ts";
import { createUsersRepo } from "../modules/auth/repo.ts";
import { type Papo, type StartOptions, startPapo } from "../runtime.ts";
import { createTestDatabase, type DatabaseKind } from "./databases.test-utils.ts";

/** Warnings about a part of Papo that did not stop in time, on stderr whatever PAPO_TEST_LOG says. */
const SHUTDOWN_LOG = pino({ level: "warn", base: { during: "test shutdown" } }, pino.destination(2));

export const ADMIN = { email: "admin@papo.test", password: "correct-horse-battery" };

export interface TestPapo {
  papo: Papo;
  sim: MetaSim;
  config: Readonly<Config>;
  dataDir: string;
  /** Calls the API with the admin's token (or another), parsing JSON answers. */
  api<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  /** The same, with another user's token. */
  apiAs<T = unknown>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /**
   * A user in any workspace (another workspace's too, which the API cannot create), inserted directly and logged in
   * through the API.
   */
  addUser(user: { workspaceId: string; email: string; role: UserRole; name?: string }): Promise<{ id: string; token: string }>;
  token: string;
  /** The sandbox channel's Meta app secret: signs webhooks the test posts itself. */
  appSecret: string;
  /**
   * Opens the live stream (`/api/v1/stream`) with a token: frames collected as they come (parsed JSON), `opened` when
   * the socket is open, `closed` with the close code. Streams still open are closed by `stop`.
   */
  openStream<F = { type: string; conversationId?: string; contactId?: string }>(token: string): LiveStream<F>;
  /** Stops Papo (server, workers, simulator, database) but keeps the data folder and the test database, to inspect them. */
  stop(): Promise<void>;
  /** Stops everything (if `stop` has not) and removes the data folder and the test database. */
  close(): Promise<void>;
}

export interface LiveStream<F> {
  ws: WebSocket;
  frames: F[];
  opened: Promise<void>;
  closed: Promise<number>;
}

/**
 * A real Papo in sandbox mode on a random port, with its own data folder and database (PGlite on disk, or a fresh
 * PostgreSQL database), the simulator in-process with short status delays, and the admin logged in.
 */
export async function startTestPapo({
  db,
  env = {},
  start = {},
  overrides = {},
}: {
  db: DatabaseKind;
  env?: Record<string, string>;
  start?: StartOptions;
  /** Configuration values a suite needs changed (e.g. where the console build is). */
  overrides?: Partial<Config>;
}): Promise<TestPapo> {
  const dataDir = mkdtempSync(join(tmpdir(), "papo-test-"));
  const database = await createTestDatabase(db, dataDir);
  const base = parseConfig({
    PORT: "0",
    SANDBOX_SIM_PORT: "0",
    DATA_DIR: dataDir,
    PAPO_MASTER_KEY: randomBytes(32).toString("hex"),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PAPO_SANDBOX: "1",
    LOG_LEVEL: "warn",
    ...(database.target.kind === "postgres" ? { DATABASE_URL: database.target.url } : {}),
    ...env,
  });
  const config = Object.freeze({ ...base, ...(base.database.kind === "pglite" ? { database: database.target } : {}), ...overrides });
  const papo = await startPapo(config, {
    log: pino({ level: process.env.PAPO_TEST_LOG ?? "silent" }),
    // A close that hangs fails the suite's afterAll: the warning naming the part that hung must reach the CI log.
    shutdownLog: SHUTDOWN_LOG,
    ...start,
    // After `...start`, so a test's simulator options add to the fast defaults instead of replacing them.
    sandboxSim: {
      statusDelaysMs: { sent: 10, delivered: 20, read: 30 },
      webhookRetry: { maxAttempts: 5, baseDelayMs: 50 },
      ...start.sandboxSim,
    },
  });
  if (!papo.sandbox) throw new Error("test Papo started without its sandbox");
  const sim = papo.sandbox.sim;
  const appSecret = papo.sandbox.channel.appSecret;
  if (!appSecret) throw new Error("the sandbox channel has no app secret");

  const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, token?: string) => {
    const response = await fetch(`${papo.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const login = await call<{ token: string }>("POST", "/api/v1/auth/login", ADMIN);
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const token = login.body.token;
  let stopped: Promise<void> | undefined;
  const streams = new Set<WebSocket>();
  const stop = () => {
    for (const ws of streams) ws.terminate();
    stopped ??= papo.close();
    return stopped;
  };

  return {
    papo,
    sim,
    config,
    dataDir,
    token,
    appSecret,
    api: (method, path, body, headers) => call(method, path, body, headers, token),
    apiAs: (userToken, method, path, body) => call(method, path, body, {}, userToken),
    async addUser({ workspaceId, email, role, name = email }) {
      const password = "uma-senha-bem-forte-de-teste";
      const id = randomUUID();
      await createUsersRepo({ db: papo.deps.database.db }).insert({
        id,
        workspaceId,
        name,
        email,
        passwordHash: await hashPassword(password),
        role,
      });
      const session = await call<{ token: string }>("POST", "/api/v1/auth/login", { email, password });
      if (session.status !== 200) throw new Error(`login of ${email} failed: ${JSON.stringify(session.body)}`);
      return { id, token: session.body.token };
    },
    openStream<F>(userToken: string): LiveStream<F> {
      const ws = new WebSocket(`${papo.url.replace(/^http/, "ws")}/api/v1/stream?token=${encodeURIComponent(userToken)}`);
      streams.add(ws);
      const frames: F[] = [];
      ws.on("message", (data) => frames.push(JSON.parse(String(data)) as F));
      const opened = new Promise<void>((resolve, reject) => {
        ws.once("open", () => resolve());
        ws.once("error", reject);
      });
      // A stream refused at once (4401) never opens: `opened` must not become an unhandled rejection then.
      opened.catch(() => {});
      const closed = new Promise<number>((resolve) =>
        ws.on("close", (code) => {
          streams.delete(ws);
          resolve(code);
        }),
      );
      return { ws, frames, opened, closed };
    },
    stop,
    async close() {
      await stop();
      await boundedStop(SHUTDOWN_LOG, "test database drop", database.drop(), { waitMs: 15_000 });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `probe` returns a value (not undefined/false), or fails after `timeoutMs` naming what it waited for. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
