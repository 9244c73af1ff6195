import { join } from "node:path";
import type { Config } from "../config.ts";
import { addCurrentKey, keyFileVersion, removeKey } from "./key-file.ts";
import { KEY_FILE_NAME, loadMasterKeys, type MasterKey, type MasterKeys, ringOf, toMasterKey } from "./master-key.ts";

/*
 * Where the master keys come from. Papo asks a provider for the key ring (the current key, which encrypts everything
 * new, and older keys still needed to decrypt), asks it again when it may have changed, and — once the re-encryption
 * job (`modules/keys`) has moved every ciphertext off an older key — asks it to retire that key.
 *
 * A KMS provider (AWS KMS, GCP KMS, Vault transit…) implements the same interface:
 * - `load()`: unwrap the data-encryption master keys it holds (e.g. the current key version and the versions still in
 *   use, each a 32-byte key wrapped by the KMS and stored beside Papo or in the KMS itself) and return them as a ring.
 *   Key ids must be stable per key (use `keyId(key)` from master-key.ts, or the KMS key version, at most 255 bytes).
 * - `watch(onChange)`: optional; call `onChange` when a new key version becomes primary (poll the KMS's metadata).
 * - `rotate()`: optional; create a new primary version (`npm run keys:rotate` calls it when present).
 * - `retire(id)`: disable or forget the version once nothing uses it; return `{ removed: true }`, or `false` when an
 *   operator must do it.
 * It is chosen in `createKeyProvider` (a configuration value naming the provider would select it).
 */

export type KeyProviderKind = "environment" | "key_file";

export interface KeyProvider {
  /** `environment`, `key_file`, or a KMS provider's own name. */
  readonly kind: KeyProviderKind | (string & {});
  /** What an operator reads in the status (never a secret): where the keys live. */
  readonly source: string;
  /** Reads the ring (current key first). Called at start and on every reload. */
  load(): Promise<MasterKeys>;
  /** Calls `onChange` when the keys may have changed (the key file's mtime, a KMS's metadata). Returns a stop function. */
  watch?(onChange: () => void): () => void;
  /** Makes a new current key; the old current key stays in the ring for decryption. Absent: rotation is an operator step. */
  rotate?(): Promise<MasterKey>;
  /** Forgets an older key that no ciphertext uses any more; `removed: false` when an operator must remove it. */
  retire(keyId: string): Promise<{ removed: boolean }>;
}

/**
 * `PAPO_MASTER_KEY` (current) and `PAPO_PREVIOUS_MASTER_KEYS` (older keys). Rotation is the operator's: put the new key
 * in `PAPO_MASTER_KEY`, the old one in `PAPO_PREVIOUS_MASTER_KEYS`, restart; Papo re-encrypts in the background and,
 * when nothing uses the old key any more, reports it safe to remove from the variable (it cannot edit the environment).
 */
export function createEnvironmentKeyProvider({ current, previous }: { current: Buffer; previous: Buffer[] }): KeyProvider {
  return {
    kind: "environment",
    source: "PAPO_MASTER_KEY and PAPO_PREVIOUS_MASTER_KEYS",
    load: async () => {
      const key = toMasterKey(current);
      return { current: key, byId: ringOf(key, previous.map(toMasterKey)), origin: "environment" };
    },
    retire: async () => ({ removed: false }),
  };
}

/**
 * The key file `DATA_DIR/master.key` as a key ring (see `key-file.ts`), created on first start. `keys:rotate` adds a new
 * current key to it; a running Papo notices the change (polling the file every `pollMs`, and on `reload()`, which
 * SIGHUP calls) and switches online; retiring removes the old key's line once the re-encryption job is done.
 * Older keys from `PAPO_PREVIOUS_MASTER_KEYS` are added to the ring too (for a move from the environment to the file).
 */
export function createKeyFileProvider({
  dataDir,
  previous = [],
  pollMs = 5_000,
}: {
  dataDir: string;
  previous?: Buffer[];
  pollMs?: number;
}): KeyProvider {
  const path = join(dataDir, KEY_FILE_NAME);
  let created = false;
  return {
    kind: "key_file",
    source: path,
    async load() {
      const keys = loadMasterKeys({ previous, dataDir });
      // "new_key_file" only the first time, so a reload does not announce a new key again.
      if (keys.origin === "new_key_file") {
        if (created) return { ...keys, origin: "existing_key_file" };
        created = true;
      }
      return keys;
    },
    watch(onChange) {
      if (pollMs <= 0) return () => {};
      let version = keyFileVersion(path);
      const timer = setInterval(() => {
        const now = keyFileVersion(path);
        if (now !== version) {
          version = now;
          onChange();
        }
      }, pollMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    rotate: async () => toMasterKey(await addCurrentKey(path)),
    retire: async (id) => ({ removed: await removeKey(path, id) }),
  };
}

/** The provider the configuration names: the environment when `PAPO_MASTER_KEY` is set, else the key file. */
export function createKeyProvider(
  config: Pick<Config, "masterKey" | "previousMasterKeys" | "dataDir" | "keyFilePollSeconds">,
): KeyProvider {
  return config.masterKey
    ? createEnvironmentKeyProvider({ current: config.masterKey, previous: config.previousMasterKeys })
    : createKeyFileProvider({ dataDir: config.dataDir, previous: config.previousMasterKeys, pollMs: config.keyFilePollSeconds * 1000 });
}
