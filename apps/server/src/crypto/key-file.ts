import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { keyId, parseKeyRing } from "./master-key.ts";

/*
 * The key file (`DATA_DIR/master.key`, mode 0600) is a key ring: one key per line, 64 hex characters, the first line
 * the current key (encrypts everything new), further lines older keys still needed to decrypt. Blank lines and lines
 * starting with `#` are ignored. A one-line file (what Papo wrote before rotation existed) is a ring of one key.
 * Every change is written to a temporary file and renamed over the old one, so a reader never sees half a file, and is
 * made under a lock file so `keys:rotate` and a running Papo retiring a key cannot overwrite each other's change.
 */

export class KeyFileError extends Error {
  override readonly name = "KeyFileError";
}

/** The keys of a key file, current first (throws naming the line of a bad key). */
export function readKeyFile(path: string): Buffer[] {
  return parseKeyRing(readFileSync(path, "utf8"), path);
}

/** Writes the ring (current first) atomically with mode 0600. */
export function writeKeyFile(path: string, keys: Buffer[]): void {
  if (keys.length === 0) throw new KeyFileError("a key file needs at least one key");
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const body = [
    "# Papo master keys: the first key encrypts everything new; the others are older keys still needed to decrypt.",
    "# Managed by `npm run keys:rotate` and by Papo (which removes an old key once nothing uses it). Back this file up.",
    ...keys.map((key) => `${key.toString("hex")}  # id ${keyId(key)}`),
  ].join("\n");
  try {
    writeFileSync(temporary, `${body}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** When the file last changed (ms), or null when there is none: what a running Papo polls. */
export function keyFileVersion(path: string): number | null {
  try {
    const stat = statSync(path);
    return stat.mtimeMs + stat.size;
  } catch {
    return null;
  }
}

const LOCK_STALE_MS = 30_000;

/** Runs `change` holding `<path>.lock` (an exclusive create), waiting up to `waitMs` for another holder. */
export async function withKeyFileLock<T>(path: string, change: () => T | Promise<T>, waitMs = 10_000): Promise<T> {
  const lock = `${path}.lock`;
  const deadline = Date.now() + waitMs;
  mkdirSync(dirname(path), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx", mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A holder that died leaves its lock behind: one older than any change could take is broken.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { force: true });
      if (Date.now() > deadline) throw new KeyFileError(`${lock} is held by another process: try again`);
      await sleep(50);
    }
  }
  try {
    return await change();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Puts a new random key first in the ring (the old current key becomes an older key). Returns it. */
export async function addCurrentKey(path: string): Promise<Buffer> {
  return withKeyFileLock(path, () => {
    const existing = existsSync(path) ? readKeyFile(path) : [];
    const key = randomBytes(32);
    writeKeyFile(path, [key, ...existing]);
    return key;
  });
}

/** Removes an older key from the ring; refuses the current one. Returns whether the file held it. */
export async function removeKey(path: string, id: string): Promise<boolean> {
  return withKeyFileLock(path, () => {
    const keys = readKeyFile(path);
    if (keys[0] && keyId(keys[0]) === id) throw new KeyFileError(`key ${id} is the current key: it cannot be retired`);
    const kept = keys.filter((key) => keyId(key) !== id);
    if (kept.length === keys.length) return false;
    writeKeyFile(path, kept);
    return true;
  });
}
