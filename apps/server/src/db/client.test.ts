import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, isAvailable } from "../testing/databases.test-utils.ts";
import { type Database, openDatabase } from "./client.ts";
import { queryRows } from "./raw.ts";

describe("openDatabase (postgres)", () => {
  const run = it.skipIf(!isAvailable("postgres"));
  const dataDir = mkdtempSync(join(tmpdir(), "papo-client-"));
  let database: Database | undefined;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (!isAvailable("postgres")) return;
    const target = await createTestDatabase("postgres", dataDir);
    drop = target.drop;
    database = await openDatabase(target.target);
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  run("when the pool opens several connections, each runs without JIT compiling from its first statement", async () => {
    const db = database?.db;
    if (!db) throw new Error("no database");
    // Five at once: the pool opens new connections for them, and each answers for itself.
    const settings = await Promise.all(
      Array.from({ length: 5 }, () =>
        queryRows<{ jit: string; pid: number }>(db, sql`select current_setting('jit') as jit, pg_backend_pid() as pid, pg_sleep(0.05)`),
      ),
    );
    expect(new Set(settings.map((rows) => rows[0]?.pid)).size).toBeGreaterThan(1);
    expect(settings.map((rows) => rows[0]?.jit)).toEqual(["off", "off", "off", "off", "off"]);
  });
});
