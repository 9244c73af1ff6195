import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** The Drizzle database, whichever engine is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: repositories accept either, so callers decide the transaction's extent. */
export type DbOrTx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

export type DatabaseTarget = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };

export interface Database {
  db: Db;
  kind: DatabaseTarget["kind"];
  /** Whether migrations have been applied (for /readyz). */
  migrated: boolean;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

/**
 * A connection that runs without JIT: Papo's statements take milliseconds, and PostgreSQL's cost estimate of a
 * report's correlated lookup (never run for most rows) passed jit_above_cost, adding 50–150 ms of compiling to a 10 ms
 * query. Set once the connection is up, before the pool hands it out — not as a startup option, which PgBouncer refuses.
 */
class NoJitClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: ((error: Error) => void) | ((error: null, client: pg.Client) => void)): void;
  override connect(callback?: ((error: Error) => void) | ((error: null, client: pg.Client) => void)): Promise<pg.Client> | undefined {
    const ready = super.connect().then(async () => {
      await this.query("set jit = off");
      return this;
    });
    if (!callback) return ready;
    // pg-pool passes a callback and reads a null error as success.
    const done = callback as (error: Error | null, client?: pg.Client) => void;
    ready.then((client) => done(null, client), done);
    return undefined;
  }
}

/**
 * Opens the embedded PGlite database (one process per data folder: PGlite does not lock it) or a PostgreSQL pool,
 * and applies the same migrations to either.
 */
export async function openDatabase(
  target: DatabaseTarget,
  { onIdleError }: { onIdleError?: (error: Error) => void } = {},
): Promise<Database> {
  if (target.kind === "pglite") {
    if (!target.dir.startsWith("memory://")) mkdirSync(target.dir, { recursive: true });
    const client = await PGlite.create(target.dir);
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    const database: Database = {
      db,
      kind: "pglite",
      migrated: false,
      ping: async () => {
        await client.query("select 1");
      },
      close: () => client.close(),
    };
    await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    database.migrated = true;
    return database;
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10, Client: NoJitClient });
  // An idle pooled connection can die (server restart, admin termination); without a listener that error would kill
  // the process. The pool replaces the connection; the next query reports any real outage.
  pool.on("error", (error) => onIdleError?.(error));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const database: Database = {
    db,
    kind: "postgres",
    migrated: false,
    ping: async () => {
      await pool.query("select 1");
    },
    close: () => pool.end(),
  };
  try {
    await migratePg(drizzlePg({ client: pool, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await pool.end();
    throw error;
  }
  database.migrated = true;
  return database;
}
