import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFieldCipher } from "../../crypto/field-cipher.ts";
import { loadMasterKeys } from "../../crypto/master-key.ts";
import { createDiskMediaStorage, MediaPathError, mediaFilePath, mediaStorageKey } from "./storage.ts";

const dir = mkdtempSync(join(tmpdir(), "papo-media-"));
const root = join(dir, "media");
const ws = randomUUID();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Storage keys an attacker would try if a key ever came from outside: traversal, encodings, absolute paths. */
const HOSTILE_KEYS = [
  "../../etc/passwd",
  `${ws}/../../../etc/passwd`,
  `${ws}/../${randomUUID()}.bin`,
  "/etc/passwd",
  `/${ws}/${randomUUID()}.bin`,
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e/%2e%2e/etc/passwd",
  "..\\..\\etc\\passwd",
  `${ws}\\..\\..\\x.bin`,
  `${ws}/${randomUUID()}.bin\0.png`,
  `${ws}/${randomUUID()}.bin/..`,
  `${ws}//${randomUUID()}.bin`,
  `${ws}/${randomUUID()}.bin `,
  "",
  ".",
  `${ws}/${"x".repeat(36)}.bin`,
  `${ws}/----------------------------------.bin`,
];

describe("media storage paths", () => {
  it("when a key is the one Papo makes, it resolves to <root>/<workspace>/<media>.bin", () => {
    const id = randomUUID();
    expect(mediaStorageKey(ws, id)).toBe(`${ws}/${id}.bin`);
    expect(mediaFilePath(root, mediaStorageKey(ws, id), ws)).toBe(join(root, ws, `${id}.bin`));
  });

  it.each(HOSTILE_KEYS)("when a storage key is %j, no path is built", (key) => {
    expect(() => mediaFilePath(root, key, ws)).toThrow(MediaPathError);
  });

  it("when a key belongs to another workspace, it is refused even though it is well formed", () => {
    expect(() => mediaFilePath(root, `${randomUUID()}/${randomUUID()}.bin`, ws)).toThrow(/another workspace/);
  });

  it.each(["../x", "", "a/b", "00000000-0000-0000-0000-000000000000/..", "/etc"])("when an id is %j, no key is made", (bad) => {
    expect(() => mediaStorageKey(bad, randomUUID())).toThrow(MediaPathError);
    expect(() => mediaStorageKey(ws, bad)).toThrow(MediaPathError);
  });
});

describe("disk media storage", () => {
  const cipher = createFieldCipher(loadMasterKeys({ configured: randomBytes(32), dataDir: dir }));
  const storage = createDiskMediaStorage({ root, cipher });

  it("when a file is written and read back, the bytes round-trip and only ciphertext is on disk, under the media folder", async () => {
    const id = randomUUID();
    const data = Buffer.from("%PDF-1.4 segredo do cliente");
    const key = await storage.write({ workspaceId: ws, mediaId: id, data });
    expect(readdirSync(join(root, ws))).toEqual([`${id}.bin`]);
    expect(await storage.read({ workspaceId: ws, mediaId: id, storageKey: key })).toEqual(data);
  });

  it("when a stored key was tampered to point outside the folder, reading refuses instead of opening the file", async () => {
    // A file an attacker would want read, next to the media folder.
    mkdirSync(join(dir, "outside"), { recursive: true });
    writeFileSync(join(dir, "outside", "secret.txt"), "not media");
    for (const storageKey of ["../outside/secret.txt", `${ws}/../../outside/secret.txt`, join(dir, "outside", "secret.txt")]) {
      await expect(storage.read({ workspaceId: ws, mediaId: randomUUID(), storageKey })).rejects.toThrow(MediaPathError);
    }
  });

  it("when ids are not UUIDs, nothing is written anywhere", async () => {
    await expect(storage.write({ workspaceId: "../..", mediaId: "x", data: Buffer.from("x") })).rejects.toThrow(MediaPathError);
    expect(existsSync(join(dir, "x.bin"))).toBe(false);
  });
});
