import type { KeyRotationRow } from "../../db/schema/key-rotations.ts";
import type { Deps } from "../../deps.ts";
import { createKeyRotationsRepo } from "./repo.ts";
import type { EncryptionStatus } from "./schemas.ts";

const toRotation = (row: KeyRotationRow): NonNullable<EncryptionStatus["rotation"]> => ({
  id: row.id,
  fromKeyIds: row.fromKeyIds,
  toKeyId: row.toKeyId,
  provider: row.provider,
  status: row.status,
  startedAt: row.startedAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
  error: row.error,
  retiredKeyIds: row.retiredKeyIds,
  progress: Object.entries(row.progress)
    .map(([name, p]) => {
      const dot = name.indexOf(".");
      return { table: name.slice(0, dot), column: name.slice(dot + 1), ...p };
    })
    .sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`)),
});

/**
 * The encryption status an administrator reads: which key encrypts, which keys the ring holds and how much data each
 * still protects (from the job's last count), and the rotation in progress. Deployment-wide (the master key is), so
 * every workspace's administrators see the same thing; rotating is an operator's step (CLI or environment), not an
 * API call, because it changes every workspace's keys at once.
 */
export async function encryptionStatus(deps: Pick<Deps, "database" | "keys">): Promise<EncryptionStatus> {
  const { ring, provider, lastScan } = deps.keys;
  const repo = createKeyRotationsRepo({ db: deps.database.db });
  const [running, finished] = await Promise.all([repo.latestRunning(), repo.latestFinished()]);
  const current = ring.current.id;
  const ids = ring.ids();
  return {
    provider: provider.kind,
    source: provider.source,
    onlineRotation: Boolean(provider.rotate),
    currentKeyId: current,
    scannedAt: lastScan?.at.toISOString() ?? null,
    keys: ids.map((id) => {
      const ciphertexts = lastScan ? (lastScan.byKey[id] ?? 0) : null;
      return { id, current: id === current, ciphertexts, safeToRemove: id !== current && ciphertexts === 0 };
    }),
    unknownKeyIds: Object.entries(lastScan?.byKey ?? {})
      .filter(([id, n]) => !ring.byId.has(id) && n > 0)
      .map(([id, n]) => ({ id, ciphertexts: n })),
    rotation: running ? toRotation(running) : null,
    lastFinishedRotation: finished ? toRotation(finished) : null,
  };
}
