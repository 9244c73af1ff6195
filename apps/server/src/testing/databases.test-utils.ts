import { randomBytes } from "node:crypto";
import { cpSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import type { DatabaseTarget } from "../db/client.ts";

/**
 * The databases a suite runs on: always the embedded PGlite; PostgreSQL too when TEST_DATABASE_URL is set. With
 * PAPO_REQUIRE_POSTGRES=1 (set by .ci/run) a missing URL is an error instead of a skipped suite.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
if (process.env.PAPO_REQUIRE_POSTGRES === "1" && !TEST_DATABASE_URL) {
  throw new Error("PAPO_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set");
}

export type DatabaseKind = "pglite" | "postgres";
/** For `describe.each`: PostgreSQL is listed either way, so a machine without it reports those suites as skipped. */
export const DATABASE_KINDS: DatabaseKind[] = ["pglite", "postgres"];
export const isAvailable = (kind: DatabaseKind): boolean => kind === "pglite" || Boolean(TEST_DATABASE_URL);

/**
 * A fresh, empty database of the given kind. PGlite is a copy of the run's migrated template folder
 * (pglite-template.global-setup.ts) when there is one. PostgreSQL gets a database of its own per suite (created on the
 * test server, dropped after), so suites run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  dataDir: string,
): Promise<{ target: DatabaseTarget; drop(): Promise<void>; name?: string }> {
  if (kind === "pglite") {
    const dir = `${dataDir}/pglite`;
    const template = inject("pgliteTemplate");
    if (template) cpSync(template, dir, { recursive: true });
    return { target: { kind: "pglite", dir }, drop: async () => {} };
  }
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `papo_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    target: { kind: "postgres", url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
