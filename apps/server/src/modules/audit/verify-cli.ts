import { existsSync } from "node:fs";
import { join } from "node:path";
import { systemClock } from "../../clock.ts";
import { type Config, ConfigError, loadDotEnv, parseConfig } from "../../config.ts";
import { createFieldCipher } from "../../crypto/field-cipher.ts";
import { loadIndexKey } from "../../crypto/index-key.ts";
import { KEY_FILE_NAME, loadMasterKeys } from "../../crypto/master-key.ts";
import { openDatabase } from "../../db/client.ts";
import { lockDataDir } from "../../db/data-dir-lock.ts";
import type { BrokenReason, ChainCheck } from "./chain.ts";
import { createAuditRepo } from "./repo.ts";
import { createAuditTrail } from "./trail.ts";

/*
 * `npm run audit:verify`: checks every workspace's audit chain in the configured database (the same environment and
 * `.env` as `npm start`) and prints the first broken record. Exit code 0 when every chain is intact, 1 when one is
 * broken, 2 when it could not check (configuration, key, database). With the embedded database, stop Papo first (one
 * process per data folder) or use `GET /api/v1/audit-events/verify`.
 */

const EXPLAIN: Record<BrokenReason, string> = {
  missing: "the record is missing (deleted)",
  prev_hash_mismatch: "it does not follow the previous record (rows deleted, renumbered or swapped)",
  hash_mismatch: "its content does not match its hash (edited)",
  unreadable: "its encrypted part does not decrypt (edited, or the key is missing)",
};

export function describeCheck(workspaceId: string, check: ChainCheck): string {
  if (check.ok)
    return `workspace ${workspaceId}: OK, ${check.checked} records, verified up to #${check.lastSeq} (last hash ${check.lastHash})`;
  const broken = check.firstBroken;
  return `workspace ${workspaceId}: BROKEN at #${broken?.seq}: ${broken ? EXPLAIN[broken.reason] : "?"} [${broken?.reason}]; verified up to #${check.lastSeq}`;
}

async function verifyAll(config: Readonly<Config>): Promise<boolean> {
  if (!config.masterKey && !existsSync(join(config.dataDir, KEY_FILE_NAME))) {
    throw new Error(`No master key: set PAPO_MASTER_KEY or run where ${join(config.dataDir, KEY_FILE_NAME)} is`);
  }
  const unlock = config.database.kind === "pglite" ? lockDataDir(config.dataDir) : () => {};
  try {
    const keys = loadMasterKeys({
      ...(config.masterKey ? { configured: config.masterKey } : {}),
      previous: config.previousMasterKeys,
      dataDir: config.dataDir,
    });
    const database = await openDatabase(config.database);
    try {
      const cipher = createFieldCipher(keys, { indexKey: await loadIndexKey({ db: database.db, cipher: createFieldCipher(keys) }) });
      const trail = createAuditTrail({ db: database.db, cipher, clock: systemClock });
      let intact = true;
      for (const workspaceId of await createAuditRepo({ db: database.db, cipher }).workspaceIds()) {
        const check = await trail.verify(workspaceId);
        console.log(describeCheck(workspaceId, check));
        intact &&= check.ok;
      }
      return intact;
    } finally {
      await database.close();
    }
  } finally {
    unlock();
  }
}

async function main(): Promise<void> {
  loadDotEnv();
  try {
    const intact = await verifyAll(parseConfig(process.env));
    process.exitCode = intact ? 0 : 1;
  } catch (error) {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  }
}

await main();
