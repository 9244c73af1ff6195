import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A master key and the short id stored beside every ciphertext it protects, so keys can rotate. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

export interface MasterKeys {
  /** Encrypts everything new. */
  current: MasterKey;
  /** Every key that may still be needed to decrypt, current included, by id. */
  byId: ReadonlyMap<string, MasterKey>;
  /** Where the key came from, for the start-up message. */
  origin: "environment" | "existing_key_file" | "new_key_file";
  keyFile?: string;
}

export const KEY_FILE_NAME = "master.key";

/**
 * Parses a master key given as 64 hex characters or base64 of 32 bytes. Anything else is refused: a short or
 * guessable passphrase would quietly weaken every ciphertext.
 */
export function parseMasterKey(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === 32) return bytes;
  }
  return null;
}

/** The id is a fingerprint, not the key: it is safe to store and to log. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update("papo-master-key-id:").update(key).digest("hex").slice(0, 8);
}

/**
 * The keys of a key file's text, current first: one per line, blank lines and `#` comments ignored (a line may end
 * with a comment, like the key id Papo writes there). A one-line file is a ring of one key.
 */
export function parseKeyRing(text: string, name: string): Buffer[] {
  const keys: Buffer[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const value = (line.split("#")[0] ?? "").trim();
    if (value === "") return;
    const key = parseMasterKey(value);
    if (!key) throw new Error(`${name}, line ${index + 1}: not a valid master key (64 hex characters)`);
    keys.push(key);
  });
  if (keys.length === 0) throw new Error(`${name} does not hold a valid master key (64 hex characters)`);
  return keys;
}

export const toMasterKey = (key: Buffer): MasterKey => ({ id: keyId(key), key });

/** The ring of `current` and older keys (duplicates dropped), by id. */
export function ringOf(current: MasterKey, older: MasterKey[]): Map<string, MasterKey> {
  const byId = new Map<string, MasterKey>([[current.id, current]]);
  for (const old of older) if (!byId.has(old.id)) byId.set(old.id, old);
  return byId;
}

/**
 * Loads the master key from `PAPO_MASTER_KEY` (and older keys kept for decryption), or from the key file in the data
 * folder — a key ring, current key first (see `key-file.ts`) — which is created with mode 0600 on first start when no
 * key is configured.
 */
export function loadMasterKeys({
  configured,
  previous = [],
  dataDir,
}: {
  configured?: Buffer;
  previous?: Buffer[];
  dataDir: string;
}): MasterKeys {
  let current: MasterKey;
  let older: Buffer[] = [];
  let origin: MasterKeys["origin"] = "environment";
  let keyFile: string | undefined;
  if (configured) {
    current = toMasterKey(configured);
  } else {
    keyFile = join(dataDir, KEY_FILE_NAME);
    if (existsSync(keyFile)) {
      const [first, ...rest] = parseKeyRing(readFileSync(keyFile, "utf8"), keyFile);
      if (!first) throw new Error(`${keyFile} does not hold a valid master key (64 hex characters)`);
      current = toMasterKey(first);
      older = rest;
      origin = "existing_key_file";
    } else {
      mkdirSync(dataDir, { recursive: true });
      const key = randomBytes(32);
      writeFileSync(keyFile, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
      chmodSync(keyFile, 0o600);
      current = toMasterKey(key);
      origin = "new_key_file";
    }
  }
  const byId = ringOf(current, [...older, ...previous].map(toMasterKey));
  return { current, byId, origin, ...(keyFile ? { keyFile } : {}) };
}
