import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFieldCipher, DecryptionError } from "./field-cipher.ts";
import { KEY_FILE_NAME, loadMasterKeys, parseMasterKey } from "./master-key.ts";

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), "papo-crypto-"));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const place = { workspaceId: "ws-1", table: "messages", column: "text_enc", rowId: "row-1" };

describe("field cipher", () => {
  const cipher = createFieldCipher(loadMasterKeys({ configured: randomBytes(32), dataDir: tmp() }));

  it("when text is encrypted, the ciphertext names its key and hides the text; decrypting in place returns it", () => {
    const secret = "Meu CPF é 123.456.789-00 🙂";
    const ciphertext = cipher.encrypt(place, secret);
    expect(ciphertext).toMatch(/^pe1:[0-9a-f]{8}:[A-Za-z0-9_-]+$/);
    expect(ciphertext).not.toContain("CPF");
    expect(cipher.decrypt(place, ciphertext)).toBe(secret);
  });

  it("when the same text is encrypted twice, the ciphertexts differ (random nonce)", () => {
    expect(cipher.encrypt(place, "oi")).not.toBe(cipher.encrypt(place, "oi"));
  });

  it("when a ciphertext is moved to another row, column or workspace, it fails to decrypt", () => {
    const ciphertext = cipher.encrypt(place, "segredo");
    expect(() => cipher.decrypt({ ...place, rowId: "row-2" }, ciphertext)).toThrow(DecryptionError);
    expect(() => cipher.decrypt({ ...place, column: "other" }, ciphertext)).toThrow(DecryptionError);
    expect(() => cipher.decrypt({ ...place, workspaceId: "ws-2" }, ciphertext)).toThrow(DecryptionError);
  });

  it("when a ciphertext is tampered with, it fails to decrypt", () => {
    const ciphertext = cipher.encrypt(place, "segredo");
    const last = ciphertext.at(-2) === "A" ? "B" : "A";
    expect(() => cipher.decrypt(place, `${ciphertext.slice(0, -2)}${last}${ciphertext.slice(-1)}`)).toThrow(DecryptionError);
  });

  it("when bytes and JSON are encrypted, they come back identical", () => {
    const bytes = randomBytes(4096);
    const sealed = cipher.encryptBytes(place, bytes);
    expect(sealed.includes(bytes.subarray(0, 32))).toBe(false);
    expect(cipher.decryptBytes(place, sealed).equals(bytes)).toBe(true);
    const value = { a: [1, "dois"], b: null };
    expect(cipher.decryptJson(place, cipher.encryptJson(place, value))).toEqual(value);
  });

  it("when blind indexes are computed, equal values match, different workspaces and purposes do not", () => {
    const a = cipher.blindIndex({ workspaceId: "ws-1", purpose: "wa_id", value: "5511912345678" });
    expect(cipher.blindIndex({ workspaceId: "ws-1", purpose: "wa_id", value: "5511912345678" })).toBe(a);
    expect(cipher.blindIndex({ workspaceId: "ws-2", purpose: "wa_id", value: "5511912345678" })).not.toBe(a);
    expect(cipher.blindIndex({ workspaceId: "ws-1", purpose: "phone", value: "5511912345678" })).not.toBe(a);
    expect(a).not.toContain("5511912345678");
  });
});

describe("master key rotation", () => {
  it("when the master key changes and the old one is kept as previous, old ciphertexts still decrypt and report they need rotation", () => {
    const dir = tmp();
    const oldKey = randomBytes(32);
    const before = createFieldCipher(loadMasterKeys({ configured: oldKey, dataDir: dir }));
    const ciphertext = before.encrypt(place, "antigo");
    const after = createFieldCipher(loadMasterKeys({ configured: randomBytes(32), previous: [oldKey], dataDir: dir }));
    expect(after.decrypt(place, ciphertext)).toBe("antigo");
    expect(after.needsRotation(ciphertext)).toBe(true);
    expect(after.needsRotation(after.encrypt(place, "novo"))).toBe(false);
  });

  it("when the old key is gone, old ciphertexts fail with a clear error naming the missing key id", () => {
    const ciphertext = createFieldCipher(loadMasterKeys({ configured: randomBytes(32), dataDir: tmp() })).encrypt(place, "x");
    const other = createFieldCipher(loadMasterKeys({ configured: randomBytes(32), dataDir: tmp() }));
    expect(() => other.decrypt(place, ciphertext)).toThrow(/no master key with id/);
  });
});

describe("master key file", () => {
  it("when no key is configured, a 0600 key file is created once and reused on the next start", () => {
    const dir = tmp();
    const first = loadMasterKeys({ dataDir: dir });
    expect(first.origin).toBe("new_key_file");
    const file = join(dir, KEY_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadMasterKeys({ dataDir: dir });
    expect(second.origin).toBe("existing_key_file");
    expect(second.current.id).toBe(first.current.id);
    expect(parseMasterKey(readFileSync(file, "utf8"))?.equals(first.current.key)).toBe(true);
  });

  it("when a key is given as hex or base64 of 32 bytes it parses; a passphrase is refused", () => {
    const key = randomBytes(32);
    expect(parseMasterKey(key.toString("hex"))?.equals(key)).toBe(true);
    expect(parseMasterKey(key.toString("base64"))?.equals(key)).toBe(true);
    expect(parseMasterKey("correct horse battery staple")).toBeNull();
  });
});
