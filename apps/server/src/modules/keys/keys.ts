import type { Logger } from "pino";
import type { KeyProvider } from "../../crypto/key-provider.ts";
import { createKeyRing, type KeyRing } from "../../crypto/key-ring.ts";
import type { MasterKey, MasterKeys } from "../../crypto/master-key.ts";

/** What the last full count found: how many ciphertexts (and media files) each key id protects. */
export interface KeyUsageScan {
  at: Date;
  /** Per key id, over every registered column and the media files. */
  byKey: Record<string, number>;
  /** Per column (`table.column`, `media.file`), per key id. */
  byColumn: Record<string, Record<string, number>>;
}

/**
 * The running process's master keys: the ring every cipher reads, the provider it comes from, reloads (the key file's
 * poll, SIGHUP), and the last usage count the re-encryption job made (for the status route).
 */
export interface EncryptionKeys {
  readonly ring: KeyRing;
  readonly provider: KeyProvider;
  /** The ring as first loaded (origin and key file, for the start-up banner). */
  readonly initial: MasterKeys;
  /** Reads the provider again and switches the ring; true when anything changed. Never throws (a bad file is logged). */
  reload(): Promise<boolean>;
  /** Starts watching the provider (the key file's poll). */
  watch(): void;
  stop(): void;
  /** The last complete count, or null until the job's first scan has run. */
  lastScan: KeyUsageScan | null;
  /** Ids the job has found unused (and retired): a reload may drop them from the ring. */
  confirmUnused(ids: string[]): void;
}

export async function createEncryptionKeys({ provider, log }: { provider: KeyProvider; log: Logger }): Promise<EncryptionKeys> {
  const initial = await provider.load();
  const ring = createKeyRing(initial);
  const unused = new Set<string>();
  let stopWatching: (() => void) | undefined;
  let reloading: Promise<boolean> | undefined;

  const reloadOnce = async (): Promise<boolean> => {
    let next: MasterKeys;
    try {
      next = await provider.load();
    } catch (error) {
      log.error({ err: error, provider: provider.kind }, "the master keys could not be reloaded: keeping the current ones");
      return false;
    }
    // A key dropped from the source while ciphertexts may still use it stays in memory until the job has found it
    // unused: removing a line too early must not make data unreadable while Papo runs.
    const byId = new Map<string, MasterKey>(next.byId);
    const kept: string[] = [];
    for (const [id, key] of ring.byId) {
      if (!byId.has(id) && !unused.has(id)) {
        byId.set(id, key);
        kept.push(id);
      }
    }
    if (kept.length > 0) log.error({ keyIds: kept }, "master keys removed from their source while data may still use them: kept in memory");
    const change = ring.replace({ current: next.current, byId });
    if (change.currentChanged) log.info({ keyId: next.current.id, provider: provider.kind }, "new current master key: re-encrypting");
    return change.currentChanged || change.added.length > 0 || change.removed.length > 0;
  };

  const keys: EncryptionKeys = {
    ring,
    provider,
    initial,
    lastScan: null,
    reload() {
      // Concurrent reloads (poll and SIGHUP at once) share one read.
      reloading ??= reloadOnce().finally(() => {
        reloading = undefined;
      });
      return reloading;
    },
    watch() {
      if (stopWatching || !provider.watch) return;
      stopWatching = provider.watch(() => void keys.reload());
    },
    stop() {
      stopWatching?.();
      stopWatching = undefined;
    },
    confirmUnused(ids) {
      for (const id of ids) unused.add(id);
    },
  };
  return keys;
}
