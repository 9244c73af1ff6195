import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

const CLI = fileURLToPath(new URL("./verify-cli.ts", import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Runs `npm run audit:verify`'s script as its own process, with only the given environment (and PATH/HOME). */
function runVerify(env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX_LOADER, CLI],
      { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

async function sqlOnStoppedPapo(t: TestPapo, statement: string): Promise<void> {
  if (t.config.database.kind === "pglite") {
    const client = await PGlite.create(t.config.database.dir);
    try {
      await client.exec(statement);
    } finally {
      await client.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: t.config.database.url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe.each(DATABASE_KINDS)("npm run audit:verify (%s)", (kind) => {
  let t: TestPapo;
  let env: Record<string, string>;
  let newest: number;
  const run = it.skipIf(!isAvailable(kind));

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    const contact = await t.api<{ id: string }>("POST", "/api/v1/contacts", { name: "Gil Souza", phone: "+55 41 95555-3000" });
    await t.api("GET", `/api/v1/contacts/${contact.body.id}`);
    await t.api("PATCH", `/api/v1/contacts/${contact.body.id}`, { name: "Gil S." });
    newest = (await t.api<{ data: Array<{ seq: number }> }>("GET", "/api/v1/audit-events?limit=1")).body.data[0]?.seq ?? 0;
    // The embedded database takes one process per data folder: the script runs after Papo stops.
    await t.stop();
    env = {
      DATA_DIR: t.dataDir,
      PAPO_MASTER_KEY: t.config.masterKey?.toString("hex") ?? "",
      ...(t.config.database.kind === "postgres" ? { DATABASE_URL: t.config.database.url } : {}),
    };
  });
  afterAll(async () => t?.close());

  run("exits 0 and reports every workspace's chain as intact, then exits 1 naming the first broken record after a deletion", async () => {
    const workspaceId = t.papo.bootstrap.workspaceId;
    const intact = await runVerify(env, t.dataDir);
    expect(intact.stderr).toBe("");
    expect(intact.code).toBe(0);
    expect(newest).toBeGreaterThanOrEqual(4);
    expect(intact.stdout).toMatch(
      new RegExp(`workspace ${workspaceId}: OK, ${newest} records, verified up to #${newest} \\(last hash [0-9a-f]{64}\\)`),
    );

    await sqlOnStoppedPapo(t, `delete from audit_events where workspace_id = '${workspaceId}' and seq = 2`);
    const broken = await runVerify(env, t.dataDir);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`workspace ${workspaceId}: BROKEN at #2: the record is missing (deleted) [missing]; verified up to #1`);
  });

  run("exits 2 when it cannot check: no master key", async () => {
    const { PAPO_MASTER_KEY: _key, ...withoutKey } = env;
    const result = await runVerify(withoutKey, t.dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No master key");
  });
});
