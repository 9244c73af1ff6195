import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addCurrentKey, KeyFileError, readKeyFile, removeKey, withKeyFileLock } from "./key-file.ts";
import { createEnvironmentKeyProvider, createKeyFileProvider } from "./key-provider.ts";
import { KEY_FILE_NAME, keyId, loadMasterKeys } from "./master-key.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "papo-key-file-"));

describe("the key file as a key ring", () => {
  it("reads today's one-line file as a ring of one key, and after a rotation puts the new key first and keeps the old one (mode 0600)", async () => {
    const dir = tmp();
    const old = randomBytes(32);
    writeFileSync(join(dir, KEY_FILE_NAME), `${old.toString("hex")}\n`, { mode: 0o600 });
    const before = loadMasterKeys({ dataDir: dir });
    expect(before.current.id).toBe(keyId(old));
    expect([...before.byId.keys()]).toEqual([keyId(old)]);

    const added = await addCurrentKey(join(dir, KEY_FILE_NAME));
    const after = loadMasterKeys({ dataDir: dir });
    expect(after.current.id).toBe(keyId(added));
    expect([...after.byId.keys()]).toEqual([keyId(added), keyId(old)]);
    expect(statSync(join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    // The ids are written as comments beside the keys: the file stays readable by a person, and parses.
    expect(readFileSync(join(dir, KEY_FILE_NAME), "utf8")).toContain(`# id ${keyId(old)}`);
  });

  it("removes an older key's line but refuses to remove the current key", async () => {
    const dir = tmp();
    const path = join(dir, KEY_FILE_NAME);
    const old = loadMasterKeys({ dataDir: dir }).current;
    const current = await addCurrentKey(path);
    await expect(removeKey(path, keyId(current))).rejects.toThrow(KeyFileError);
    expect(await removeKey(path, old.id)).toBe(true);
    expect(readKeyFile(path).map(keyId)).toEqual([keyId(current)]);
    expect(await removeKey(path, old.id)).toBe(false);
  });

  it("names the line of a bad key instead of starting with half a ring", () => {
    const dir = tmp();
    writeFileSync(join(dir, KEY_FILE_NAME), `${randomBytes(32).toString("hex")}\nnot-a-key\n`);
    expect(() => readKeyFile(join(dir, KEY_FILE_NAME))).toThrow(/line 2/);
  });

  it("serialises changes with a lock file: a second writer waits, then times out while the first holds it", async () => {
    const dir = tmp();
    const path = join(dir, KEY_FILE_NAME);
    let release: () => void = () => {};
    const holding = withKeyFileLock(path, () => new Promise<void>((resolve) => (release = resolve)));
    await expect(withKeyFileLock(path, () => "second", 200)).rejects.toThrow(/held by another process/);
    release();
    await holding;
    expect(await withKeyFileLock(path, () => "second", 200)).toBe("second");
  });
});

describe("key providers", () => {
  it("the file provider notices a rotated file by polling, and rotates and retires itself", async () => {
    const dir = tmp();
    const provider = createKeyFileProvider({ dataDir: dir, pollMs: 20 });
    const first = await provider.load();
    expect(first.origin).toBe("new_key_file");
    let changes = 0;
    const stop = provider.watch?.(() => changes++) ?? (() => {});
    try {
      const added = await provider.rotate?.();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(changes).toBeGreaterThanOrEqual(1);
      const ring = await provider.load();
      expect(ring.current.id).toBe(added?.id);
      expect(ring.origin).toBe("existing_key_file");
      expect(await provider.retire(first.current.id)).toEqual({ removed: true });
      expect([...(await provider.load()).byId.keys()]).toEqual([added?.id]);
    } finally {
      stop();
    }
  });

  it("the environment provider cannot rotate, and only reports an old key as removable", async () => {
    const current = randomBytes(32);
    const old = randomBytes(32);
    const provider = createEnvironmentKeyProvider({ current, previous: [old] });
    expect(provider.rotate).toBeUndefined();
    const ring = await provider.load();
    expect([...ring.byId.keys()]).toEqual([keyId(current), keyId(old)]);
    expect(await provider.retire(keyId(old))).toEqual({ removed: false });
  });
});
