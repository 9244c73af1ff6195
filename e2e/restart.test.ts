import { randomBytes, randomInt } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, isAvailable } from "../apps/server/src/testing/databases.test-utils.ts";
import { freePort, killAllPapoProcesses, startPapoProcess } from "./support/papo-process.ts";
import { inboundTextPayload, makeWamid, signedWebhook } from "./support/webhooks.ts";

/*
 * Issue 3, "Inbound": an acknowledged webhook is never lost, even if the process dies right after answering. The real
 * server runs as a child process; signed webhooks go in; the instant the last 200 arrives the process gets SIGKILL
 * (no shutdown hook runs). Restarted on the same data and key, it must show every acknowledged message.
 */

const ADMIN = { email: "admin@papo.test", password: "tucano-azul-na-janela-42" };
const APP_SECRET = `e2e-app-secret-${randomBytes(8).toString("hex")}`;
const WEBHOOKS = 12;

type Message = { id: string; direction: string; text: string | null; waMessageId: string | null };

/** Rows in webhook_events right after the kill, read without touching the server's data (a copy for PGlite). */
async function storedWebhookEvents(target: { kind: "pglite"; dir: string } | { kind: "postgres"; url: string }) {
  const query = `select count(*)::int as total, count(*) filter (where status = 'pending')::int as pending,
    count(*) filter (where status = 'pending' and attempts > 0)::int as claimed from webhook_events`;
  if (target.kind === "postgres") {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ total: number; pending: number; claimed: number }>(query);
      return rows[0] ?? { total: 0, pending: 0, claimed: 0 };
    } finally {
      await client.end();
    }
  }
  const copy = mkdtempSync(join(tmpdir(), "papo-e2e-pglite-copy-"));
  try {
    cpSync(target.dir, copy, { recursive: true });
    const client = await PGlite.create(copy);
    try {
      const { rows } = await client.query<{ total: number; pending: number; claimed: number }>(query);
      return rows[0] ?? { total: 0, pending: 0, claimed: 0 };
    } finally {
      await client.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

describe.each(DATABASE_KINDS)("the server is killed right after acknowledging webhooks (%s)", (kind) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    await killAllPapoProcesses();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it.skipIf(!isAvailable(kind))(
    "when the process dies the instant the last 200 is sent, every acknowledged message appears after a restart",
    // Two server processes started through tsx (each may take up to 45 s to be ready on a loaded machine), then polling.
    { timeout: 150_000 },
    async ({ annotate }) => {
      const dataDir = mkdtempSync(join(tmpdir(), "papo-e2e-restart-"));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const database = await createTestDatabase(kind, dataDir);
      cleanups.push(() => database.drop());
      const env = {
        DATA_DIR: dataDir,
        SANDBOX_SIM_PORT: "0",
        PAPO_MASTER_KEY: randomBytes(32).toString("hex"),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        WHATSAPP_APP_SECRET: APP_SECRET,
        LOG_LEVEL: "warn",
        ...(database.target.kind === "postgres" ? { DATABASE_URL: database.target.url } : {}),
      };
      const port = await freePort();
      const first = await startPapoProcess({ port, env });

      const messages = Array.from({ length: WEBHOOKS }, (_, i) => {
        const from = `55119${String(randomInt(10_000_000, 99_999_999))}`;
        return { from, wamid: makeWamid(from), text: `Pedido ${i + 1}: já pagou? ção 🙂 ${randomBytes(4).toString("hex")}` };
      });
      const statuses: number[] = [];
      await Promise.all(
        messages.map(async (m, i) => {
          const { body, headers } = signedWebhook(inboundTextPayload({ ...m, name: `Cliente ${i + 1}` }), APP_SECRET);
          const response = await fetch(`${first.url}/webhook`, { method: "POST", headers, body });
          statuses.push(response.status);
          // The instant the last acknowledgement is in: no grace period, no shutdown hook.
          if (statuses.length === WEBHOOKS) first.child.kill("SIGKILL");
          await response.body?.cancel().catch(() => {});
        }),
      );
      expect(statuses).toEqual(Array(WEBHOOKS).fill(200));
      expect(await first.exited).toMatchObject({ signal: "SIGKILL" });

      // Every acknowledged body was committed before its 200; some were still waiting for the processor.
      const stored = await storedWebhookEvents(database.target);
      expect(stored.total).toBe(WEBHOOKS);
      await annotate(
        `at the kill: ${stored.total} webhook bodies stored, ${stored.pending} not yet processed, ${stored.claimed} of them claimed by a worker`,
      );

      const second = await startPapoProcess({ port, env });
      const login = await fetch(`${second.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ADMIN),
      });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };

      const deadline = Date.now() + 20_000;
      let seen: Message[] = [];
      while (Date.now() < deadline) {
        const response = await fetch(`${second.url}/receive-message?limit=200`, { headers: { authorization: `Bearer ${token}` } });
        seen = ((await response.json()) as { data: Message[] }).data;
        if (messages.every((m) => seen.some((s) => s.waMessageId === m.wamid))) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const byWamid = new Map(seen.map((s) => [s.waMessageId, s]));
      const missing = messages.filter((m) => !byWamid.has(m.wamid));
      expect(
        missing.map((m) => m.text),
        `acknowledged but not in the API 20 s after the restart; at the kill ${stored.claimed} bodies were claimed by a worker ` +
          `(a claim that outlives its process must not hold a body back). Server output:\n${second.output()}`,
      ).toEqual([]);
      for (const m of messages) expect(byWamid.get(m.wamid)).toMatchObject({ direction: "inbound", text: m.text });
      expect(seen).toHaveLength(WEBHOOKS);
    },
  );
});
