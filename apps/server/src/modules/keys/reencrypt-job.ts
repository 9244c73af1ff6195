import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { type SQL, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Clock } from "../../clock.ts";
import { type CipherPlace, FILE_HEADER_BYTES, type FieldCipher, fileKeyId } from "../../crypto/field-cipher.ts";
import type { Db } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import type { KeyRotationColumnProgress, KeyRotationRow } from "../../db/schema/key-rotations.ts";
import type { AuditTrail } from "../audit/trail.ts";
import { mediaFilePath } from "../media/storage.ts";
import type { EncryptionKeys, KeyUsageScan } from "./keys.ts";
import { columnName, ENCRYPTED_COLUMNS, type EncryptedColumn, MEDIA_FILES } from "./registry.ts";
import { createKeyRotationsRepo } from "./repo.ts";

/*
 * The background re-encryption job. After the current master key changes (a new key in the key file, or a restart
 * with a new PAPO_MASTER_KEY), it walks every registered column in batches of rows whose ciphertext names another key,
 * decrypts each value with its old key and writes it back under the current one — with `WHERE key = $1 AND col = $old`,
 * so a value changed meanwhile by Papo is never overwritten — then does the same to the media files (temporary file +
 * rename). It pauses between batches so Papo keeps serving, records its progress in `key_rotations`, and keeps no
 * position: after a restart it simply looks again for ciphertexts under older keys. When none is left it records
 * `key.rotated`, and retires the older keys nothing uses (`key.retired`): the key file loses their lines, the
 * environment's are reported safe to remove.
 */

export interface ReencryptJobOptions {
  /** Rows (or files) per batch. */
  batchSize?: number;
  /** Pause between batches, so requests get the database in between (ms). */
  pauseMs?: number;
  /** When a pass leaves ciphertexts behind (an unreadable value, a reaction whose target is still arriving): retry after. */
  retryMs?: number;
  /** Tests: called with each batch after it is read and decrypted, before it is written (a throw fails the pass). */
  onBatch?: (batch: { column: string; keys: string[] }) => Promise<void> | void;
}

export interface ReencryptJob {
  /** Runs a pass now (or right after the one running). */
  kick(): void;
  /** Resolves once no pass is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const ACTOR = { type: "system", id: "key-rotation" } as const;

class Stopped extends Error {}

type Outcome = "done" | "leftover" | "restart";

export function startReencryptJob({
  db,
  cipher,
  keys,
  audit,
  mediaRoot,
  log,
  clock,
  options = {},
}: {
  db: Db;
  cipher: FieldCipher;
  keys: EncryptionKeys;
  audit: AuditTrail;
  mediaRoot: string;
  log: Logger;
  clock: Clock;
  options?: ReencryptJobOptions;
}): ReencryptJob {
  const batchSize = options.batchSize ?? 200;
  const pauseMs = options.pauseMs ?? 5;
  const retryMs = options.retryMs ?? 10 * 60_000;
  const repo = createKeyRotationsRepo({ db });
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const checkpoint = async () => {
    if (stopped) throw new Stopped();
    if (pauseMs > 0) await sleep(pauseMs);
    else await new Promise((resolve) => setImmediate(resolve));
    if (stopped) throw new Stopped();
  };

  // ---- counting --------------------------------------------------------------------------------------------------

  const countColumn = async (c: EncryptedColumn): Promise<Record<string, number>> => {
    const rows = await queryRows<{ key_id: string; n: number | string }>(
      db,
      sql`select split_part(${sql.raw(c.column)}, ':', 2) as key_id, count(*)::int as n
          from ${sql.raw(c.table)} where ${sql.raw(c.column)} is not null group by 1`,
    );
    return Object.fromEntries(rows.map((r) => [r.key_id, Number(r.n)]));
  };

  type MediaRow = { id: string; workspace_id: string; storage_key: string };
  const mediaBatches = async function* (): AsyncGenerator<MediaRow[]> {
    let after: string | undefined;
    for (;;) {
      const rows = await queryRows<MediaRow>(
        db,
        sql`select id::text as id, workspace_id::text as workspace_id, storage_key from media
            where storage_key is not null ${after ? sql`and id > ${after}::uuid` : sql``} order by id limit ${batchSize}`,
      );
      if (rows.length === 0) return;
      yield rows;
      after = rows.at(-1)?.id;
    }
  };

  const fileKey = async (path: string): Promise<string | null | "missing"> => {
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      handle = await open(path, "r");
      const buffer = Buffer.alloc(FILE_HEADER_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, FILE_HEADER_BYTES, 0);
      return fileKeyId(buffer.subarray(0, bytesRead));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
      throw error;
    } finally {
      await handle?.close();
    }
  };

  const pathOf = (row: MediaRow): string | null => {
    try {
      return mediaFilePath(mediaRoot, row.storage_key, row.workspace_id);
    } catch {
      return null;
    }
  };

  const countMedia = async (): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for await (const rows of mediaBatches()) {
      for (const row of rows) {
        const path = pathOf(row);
        const id = path ? await fileKey(path) : null;
        if (id === "missing") continue;
        const name = id ?? "unreadable";
        out[name] = (out[name] ?? 0) + 1;
      }
      await checkpoint();
    }
    return out;
  };

  const scanUsage = async (): Promise<KeyUsageScan> => {
    const byColumn: Record<string, Record<string, number>> = {};
    for (const c of ENCRYPTED_COLUMNS) {
      if (stopped) throw new Stopped();
      try {
        byColumn[columnName(c)] = await countColumn(c);
      } catch (error) {
        if (stopped) throw new Stopped();
        log.error({ err: error, column: columnName(c) }, "key rotation: could not count a column");
        byColumn[columnName(c)] = { unknown: 1 };
      }
    }
    byColumn[MEDIA_FILES] = await countMedia();
    const byKey: Record<string, number> = {};
    for (const counts of Object.values(byColumn)) {
      for (const [id, n] of Object.entries(counts)) byKey[id] = (byKey[id] ?? 0) + n;
    }
    const scan = { at: clock.now(), byKey, byColumn };
    keys.lastScan = scan;
    return scan;
  };

  /**
   * Values under an older key of the ring: what a pass moves. Ids with no key in the ring (data that cannot be read
   * anyway, or files that are not Papo's) are reported by the scan but neither moved nor waited for.
   */
  const staleIn = (counts: Record<string, number> | undefined, target: string) =>
    Object.entries(counts ?? {}).reduce((sum, [id, n]) => (id !== target && keys.ring.byId.has(id) ? sum + n : sum), 0);
  const olderKeyIds = (target: string) => keys.ring.ids().filter((id) => id !== target);

  // ---- re-encrypting ---------------------------------------------------------------------------------------------

  type Tally = { done: number; failed: number };

  const reencryptColumn = async (c: EncryptedColumn, target: string, tally: Tally, save: () => Promise<void>): Promise<Outcome> => {
    const keyParam = (value: string): SQL => (c.keyType === "uuid" ? sql`${value}::uuid` : sql`${value}`);
    const orphanAge = c.orphanAgeSql ? sql`, ${sql.raw(c.orphanAgeSql)} as orphan_age` : sql``;
    let after: string | undefined;
    let failedLogged = false;
    for (;;) {
      if (keys.ring.current.id !== target) return "restart";
      const older = olderKeyIds(target);
      if (older.length === 0) return "done";
      const rows = await queryRows<{ k: string; ws: string; row_id: string | null; value: string; orphan_age?: Date | string }>(
        db,
        sql`select ${sql.raw(c.key)}::text as k, ${sql.raw(c.workspaceSql)} as ws,
                   ${c.rowIdSql ? sql.raw(c.rowIdSql) : sql`null`} as row_id, ${sql.raw(c.column)} as value ${orphanAge}
            from ${sql.raw(c.table)}
            where split_part(${sql.raw(c.column)}, ':', 2) in (${sql.join(
              older.map((id) => sql`${id}`),
              sql`, `,
            )})
              ${after === undefined ? sql`` : sql`and ${sql.raw(c.key)} > ${keyParam(after)}`}
            order by ${sql.raw(c.key)} limit ${batchSize}`,
      );
      if (rows.length === 0) return "done";
      after = rows.at(-1)?.k;
      const resolved = c.resolveRowIds ? await c.resolveRowIds({ db, cipher, keys: rows.map((r) => r.k) }) : undefined;
      const sealed: Array<{ k: string; old: string; place: CipherPlace; plaintext: string }> = [];
      const orphans: Array<{ k: string; old: string }> = [];
      for (const row of rows) {
        const rowId = resolved ? resolved.get(row.k) : row.row_id;
        if (!rowId) {
          const age = row.orphan_age ? clock.now().getTime() - new Date(row.orphan_age).getTime() : 0;
          if (c.orphanAfterMs !== undefined && age > c.orphanAfterMs) orphans.push({ k: row.k, old: row.value });
          else tally.failed += 1;
          continue;
        }
        const place = { workspaceId: row.ws, table: c.table, column: c.placeColumn, rowId };
        try {
          sealed.push({ k: row.k, old: row.value, place, plaintext: cipher.decrypt(place, row.value) });
        } catch (error) {
          tally.failed += 1;
          if (!failedLogged) log.error({ err: error, column: columnName(c) }, "key rotation: a value does not decrypt (left as it is)");
          failedLogged = true;
        }
      }
      await options.onBatch?.({ column: columnName(c), keys: sealed.map((s) => s.k) });
      for (const item of sealed) {
        const updated = await queryRows<{ k: string }>(
          db,
          sql`update ${sql.raw(c.table)} set ${sql.raw(c.column)} = ${cipher.encrypt(item.place, item.plaintext)}
              where ${sql.raw(c.key)} = ${keyParam(item.k)} and ${sql.raw(c.column)} = ${item.old}
              returning ${sql.raw(c.key)}::text as k`,
        );
        // Nothing updated: the value changed meanwhile (written under the current key by Papo) or the row is gone.
        if (updated.length > 0) tally.done += 1;
      }
      for (const orphan of orphans) {
        const deleted = await queryRows<{ k: string }>(
          db,
          sql`delete from ${sql.raw(c.table)} where ${sql.raw(c.key)} = ${keyParam(orphan.k)} and ${sql.raw(c.column)} = ${orphan.old}
              returning ${sql.raw(c.key)}::text as k`,
        );
        tally.done += deleted.length;
      }
      if (orphans.length > 0) log.info({ column: columnName(c), deleted: orphans.length }, "key rotation: unreadable orphan rows deleted");
      await save();
      await checkpoint();
    }
  };

  const reencryptMedia = async (target: string, tally: Tally, save: () => Promise<void>): Promise<Outcome> => {
    for await (const rows of mediaBatches()) {
      if (keys.ring.current.id !== target) return "restart";
      const stale: Array<{ row: MediaRow; path: string; id: string }> = [];
      for (const row of rows) {
        const path = pathOf(row);
        const id = path ? await fileKey(path) : null;
        if (!path || id === null) tally.failed += 1;
        else if (id !== "missing" && id !== target && keys.ring.byId.has(id)) stale.push({ row, path, id });
      }
      await options.onBatch?.({ column: MEDIA_FILES, keys: stale.map((s) => s.row.id) });
      for (const { row, path, id } of stale) {
        const place = { workspaceId: row.workspace_id, table: "media", column: "file", rowId: row.id };
        let plaintext: Buffer;
        try {
          plaintext = cipher.decryptBytes(place, await readFile(path));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
          tally.failed += 1;
          continue;
        }
        const temporary = `${path}.rekey-${randomBytes(4).toString("hex")}.tmp`;
        try {
          await writeFile(temporary, cipher.encryptBytes(place, plaintext), { mode: 0o600, flag: "wx" });
          // Only over the very file that was read: an erased (removed) or rewritten file is left alone.
          if ((await fileKey(path)) !== id) continue;
          await rename(temporary, path);
          tally.done += 1;
          // Erased while the file was being re-encrypted: do not bring it back.
          const [still] = await queryRows<{ id: string }>(
            db,
            sql`select id::text as id from media where id = ${row.id}::uuid and storage_key = ${row.storage_key}`,
          );
          if (!still) await rm(path, { force: true });
        } finally {
          await rm(temporary, { force: true });
        }
      }
      await save();
      await checkpoint();
    }
    return "done";
  };

  // ---- finishing and retiring ------------------------------------------------------------------------------------

  const auditEverywhere = async (
    action: "key.rotated" | "key.retired",
    keyId: string,
    details: Record<string, string | number | boolean | string[]>,
  ) => {
    for (const workspaceId of await repo.workspaceIds()) {
      await audit.record({ workspaceId, actor: ACTOR, action, target: { type: "key", id: keyId }, details });
    }
  };

  const progressOf = (
    scan: KeyUsageScan,
    target: string,
    previous: Record<string, KeyRotationColumnProgress>,
    tallies: Map<string, Tally>,
  ) => {
    const out: Record<string, KeyRotationColumnProgress> = {};
    for (const [name, counts] of Object.entries(scan.byColumn)) {
      const before = previous[name] ?? { done: 0, remaining: 0, failed: 0 };
      const tally = tallies.get(name) ?? { done: 0, failed: 0 };
      out[name] = { done: before.done + tally.done, remaining: staleIn(counts, target), failed: tally.failed };
    }
    return out;
  };

  const finish = async (rotation: KeyRotationRow, progress: Record<string, KeyRotationColumnProgress>) => {
    const at = clock.now();
    await repo.update(rotation.id, { status: "finished", finishedAt: at, updatedAt: at, progress, error: null });
    const total = Object.values(progress).reduce((sum, p) => sum + p.done, 0);
    log.info({ from: rotation.fromKeyIds, to: rotation.toKeyId, reencrypted: total }, "master key rotation finished");
    await auditEverywhere("key.rotated", rotation.toKeyId, {
      fromKeyIds: rotation.fromKeyIds,
      provider: keys.provider.kind,
      reencrypted: total,
      files: progress[MEDIA_FILES]?.done ?? 0,
    });
  };

  /** Older keys in the ring that nothing uses: retired once (the provider removes them, or they are reported). */
  const retireUnused = async (scan: KeyUsageScan, target: string) => {
    const unused = keys.ring.ids().filter((id) => id !== target && !((scan.byKey[id] ?? 0) > 0));
    if (unused.length === 0) return;
    const already = await repo.retiredKeyIds();
    const fresh = unused.filter((id) => !already.has(id));
    if (fresh.length === 0) {
      keys.confirmUnused(unused);
      return;
    }
    let removedAny = false;
    const at = clock.now();
    // A ring whose older keys were never used (or a rotation another process finished) still gets its record.
    let rotation = await repo.latestTo(target);
    if (!rotation) {
      rotation = await repo.start({ fromKeyIds: [], toKeyId: target, provider: keys.provider.kind, progress: {}, at });
      await repo.update(rotation.id, { status: "finished", finishedAt: at, updatedAt: at });
    }
    const record = rotation;
    const retired: string[] = [];
    for (const id of fresh) {
      let removed = false;
      try {
        ({ removed } = await keys.provider.retire(id));
      } catch (error) {
        log.error({ err: error, keyId: id }, "key rotation: the old key could not be removed from its source");
        continue;
      }
      removedAny ||= removed;
      retired.push(id);
      keys.confirmUnused([id]);
      await repo.update(record.id, { retiredKeyIds: [...new Set([...record.retiredKeyIds, ...retired])], updatedAt: clock.now() });
      await auditEverywhere("key.retired", id, { provider: keys.provider.kind, removed, safeToRemove: true });
      log.info(
        { keyId: id, provider: keys.provider.kind },
        removed
          ? "old master key retired: removed from the key file"
          : "old master key unused: it can be removed from PAPO_PREVIOUS_MASTER_KEYS",
      );
    }
    if (removedAny) await keys.reload();
  };

  // ---- one pass --------------------------------------------------------------------------------------------------

  const pass = async (): Promise<Outcome> => {
    const target = keys.ring.current.id;
    const scan = await scanUsage();
    const staleTotal = Object.values(scan.byColumn).reduce((sum, counts) => sum + staleIn(counts, target), 0);
    let rotation = await repo.running(target);
    if (staleTotal === 0) {
      if (rotation) await finish(rotation, progressOf(scan, target, rotation.progress, new Map()));
      await retireUnused(scan, target);
      return "done";
    }
    const now = clock.now();
    await repo.supersedeOthers(target, now);
    const fromKeyIds = Object.keys(scan.byKey).filter((id) => id !== target && (scan.byKey[id] ?? 0) > 0);
    rotation ??= await repo.start({
      fromKeyIds,
      toKeyId: target,
      provider: keys.provider.kind,
      progress: progressOf(scan, target, {}, new Map()),
      at: now,
    });
    const row = rotation;
    if (row.status === "running") log.info({ from: fromKeyIds, to: target }, "master key rotation: re-encrypting in the background");
    const fromAll = [...new Set([...row.fromKeyIds, ...fromKeyIds])];
    const tallies = new Map<string, Tally>();
    const save = () => {
      const progress = progressOf(scan, target, row.progress, tallies);
      for (const [name, tally] of tallies) {
        const p = progress[name];
        if (p) p.remaining = Math.max(0, staleIn(scan.byColumn[name], target) - tally.done - tally.failed);
      }
      return repo.update(row.id, { fromKeyIds: fromAll, progress, updatedAt: clock.now() });
    };
    for (const c of ENCRYPTED_COLUMNS) {
      if (staleIn(scan.byColumn[columnName(c)], target) === 0) continue;
      const tally = { done: 0, failed: 0 };
      tallies.set(columnName(c), tally);
      if ((await reencryptColumn(c, target, tally, save)) === "restart") return "restart";
    }
    if (staleIn(scan.byColumn[MEDIA_FILES], target) > 0) {
      const tally = { done: 0, failed: 0 };
      tallies.set(MEDIA_FILES, tally);
      if ((await reencryptMedia(target, tally, save)) === "restart") return "restart";
    }
    const after = await scanUsage();
    const progress = progressOf(after, target, row.progress, tallies);
    const left = Object.values(after.byColumn).reduce((sum, counts) => sum + staleIn(counts, target), 0);
    if (left === 0) {
      await finish({ ...row, fromKeyIds: fromAll }, progress);
      await retireUnused(after, target);
      return "done";
    }
    const where = Object.entries(progress)
      .filter(([, p]) => p.remaining > 0)
      .map(([name, p]) => `${name}: ${p.remaining}`)
      .join(", ");
    await repo.update(row.id, {
      fromKeyIds: fromAll,
      progress,
      updatedAt: clock.now(),
      error: `${left} ciphertexts are still under older keys (${where}); retrying in ${Math.round(retryMs / 1000)}s`,
    });
    log.warn({ left }, "master key rotation: ciphertexts left under older keys, retrying later");
    return "leftover";
  };

  const loop = async () => {
    do {
      again = false;
      try {
        const outcome = await pass();
        if (outcome === "restart") again = true;
        if (outcome === "leftover") scheduleRetry();
      } catch (error) {
        if (error instanceof Stopped || stopped) return;
        log.error({ err: error }, "master key rotation pass failed: retrying later");
        const open = await repo.latestRunning().catch(() => undefined);
        if (open) {
          await repo
            // The first line only: a failed query's message goes on with its parameters.
            .update(open.id, {
              error: (error instanceof Error ? (error.message.split("\n")[0] ?? "") : "failed").slice(0, 300),
              updatedAt: clock.now(),
            })
            .catch(() => {});
        }
        scheduleRetry();
      }
    } while (again && !stopped);
  };

  const scheduleRetry = () => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      job.kick();
    }, retryMs);
    retryTimer.unref();
  };

  let unsubscribe = () => {};
  const job: ReencryptJob = {
    kick() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = loop().finally(() => {
        running = undefined;
      });
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      unsubscribe();
      if (retryTimer) clearTimeout(retryTimer);
      await job.idle();
    },
  };
  // A new current key (or a key added or removed) starts a pass.
  unsubscribe = keys.ring.onChange(() => job.kick());
  job.kick();
  return job;
}
