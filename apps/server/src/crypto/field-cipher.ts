import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { KeyRingView } from "./key-ring.ts";
import type { MasterKey } from "./master-key.ts";

/*
 * Encryption at rest for columns and files: AES-256-GCM with a 12-byte random nonce. Each ciphertext carries the id
 * of the master key it was made under (rotation), and is bound to its place (`table:column:rowId`) through the GCM
 * associated data, so a ciphertext copied into another row or column fails to decrypt. Data keys are derived per
 * workspace and purpose with HKDF, so one workspace's key never opens another's data.
 */

const FORMAT = "pe1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const FILE_MAGIC = Buffer.from("PAPOENC1");

/** The key id of a column ciphertext `pe1:<keyId>:<body>`, or null. */
export function columnKeyId(ciphertext: string): string | null {
  const [format, id, body] = ciphertext.split(":");
  return format === FORMAT && id && body !== undefined ? id : null;
}

/** The key id in an encrypted file's header (`PAPOENC1 | id length | id`); the first 64 bytes are enough. Null if not one. */
export function fileKeyId(data: Uint8Array): string | null {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length <= FILE_MAGIC.length || !buf.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) return null;
  const idLength = buf[FILE_MAGIC.length] ?? 0;
  const idStart = FILE_MAGIC.length + 1;
  if (idLength === 0 || buf.length < idStart + idLength) return null;
  return buf.subarray(idStart, idStart + idLength).toString("utf8");
}

/** How many leading bytes of an encrypted file `fileKeyId` needs at most. */
export const FILE_HEADER_BYTES = FILE_MAGIC.length + 1 + 255;

/** Where a ciphertext lives; it is authenticated, so the value only decrypts in the same place. */
export interface CipherPlace {
  workspaceId: string;
  table: string;
  column: string;
  rowId: string;
}

export class DecryptionError extends Error {
  override readonly name = "DecryptionError";
}

export interface FieldCipher {
  /** Encrypts text for a column; returns `pe1:<keyId>:<base64url>`. */
  encrypt(place: CipherPlace, plaintext: string): string;
  decrypt(place: CipherPlace, ciphertext: string): string;
  encryptJson(place: CipherPlace, value: unknown): string;
  decryptJson<T>(place: CipherPlace, ciphertext: string): T;
  /** Encrypts a whole file's bytes (media). */
  encryptBytes(place: CipherPlace, plaintext: Uint8Array): Buffer;
  decryptBytes(place: CipherPlace, data: Uint8Array): Buffer;
  /**
   * A keyed HMAC of a normalised value: lets the database find a row by an encrypted value (phone, wa_id) without
   * holding the value. The key is separate from the encryption keys.
   */
  blindIndex(args: { workspaceId: string; purpose: string; value: string }): string;
  /** A key derived for a non-data purpose (signing tokens), from the current master key. */
  deriveKey(purpose: string): Buffer;
  /** Whether a ciphertext was made under an older master key and should be re-encrypted. */
  needsRotation(ciphertext: string): boolean;
  /** The id of the master key a column ciphertext or an encrypted file was made under (null when it is neither). */
  keyIdOf(data: string | Uint8Array): string | null;
}

/**
 * @param keys read on every call: given a `KeyRing` (`crypto/key-ring.ts`), the cipher follows an online rotation —
 * new ciphertexts are made under the ring's current key from the moment it changes, and every key in the ring decrypts.
 * @param indexKey the blind-index key (see `crypto/index-key.ts`); without it blind indexes are keyed by the current
 * master key, which is only right before the index key has been loaded (it is needed to decrypt it).
 */
export function createFieldCipher(keys: KeyRingView, { indexKey }: { indexKey?: Buffer } = {}): FieldCipher {
  const cache = new Map<string, Buffer>();
  // Blind indexes must not change when the master key rotates, or every lookup would miss: they have their own key.
  const indexMaster: MasterKey = indexKey ? { id: "index", key: indexKey } : keys.current;
  const derive = (master: MasterKey, salt: string, info: string): Buffer => {
    const cacheKey = `${master.id}|${salt}|${info}`;
    let key = cache.get(cacheKey);
    if (!key) {
      key = Buffer.from(hkdfSync("sha256", master.key, salt, info, 32));
      cache.set(cacheKey, key);
    }
    return key;
  };
  const dataKey = (master: MasterKey, workspaceId: string) => derive(master, workspaceId, "papo:data:v1");
  const aadOf = (place: CipherPlace) => Buffer.from(`${place.table}:${place.column}:${place.rowId}`);
  const masterById = (id: string): MasterKey => {
    const master = keys.byId.get(id);
    if (!master) throw new DecryptionError(`no master key with id ${id} is configured (rotated away?)`);
    return master;
  };

  const seal = (place: CipherPlace, plaintext: Uint8Array) => {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv("aes-256-gcm", dataKey(keys.current, place.workspaceId), nonce);
    cipher.setAAD(aadOf(place));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  };
  const open = (place: CipherPlace, master: MasterKey, sealed: Buffer) => {
    if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new DecryptionError("ciphertext too short");
    const nonce = sealed.subarray(0, NONCE_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", dataKey(master, place.workspaceId), nonce);
    decipher.setAAD(aadOf(place));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new DecryptionError(`cannot decrypt ${place.table}.${place.column} of ${place.rowId}: wrong key or moved ciphertext`);
    }
  };

  const cipher: FieldCipher = {
    encrypt: (place, plaintext) => `${FORMAT}:${keys.current.id}:${seal(place, Buffer.from(plaintext, "utf8")).toString("base64url")}`,
    decrypt(place, ciphertext) {
      const [format, id, body] = ciphertext.split(":");
      if (format !== FORMAT || !id || body === undefined)
        throw new DecryptionError(`not a Papo ciphertext in ${place.table}.${place.column}`);
      return open(place, masterById(id), Buffer.from(body, "base64url")).toString("utf8");
    },
    encryptJson: (place, value) => cipher.encrypt(place, JSON.stringify(value)),
    decryptJson: <T>(place: CipherPlace, ciphertext: string) => JSON.parse(cipher.decrypt(place, ciphertext)) as T,
    encryptBytes(place, plaintext) {
      const id = Buffer.from(keys.current.id, "utf8");
      return Buffer.concat([FILE_MAGIC, Buffer.from([id.length]), id, seal(place, plaintext)]);
    },
    decryptBytes(place, data) {
      const buf = Buffer.from(data);
      if (!buf.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) throw new DecryptionError("not a Papo encrypted file");
      const idLength = buf[FILE_MAGIC.length] ?? 0;
      const idStart = FILE_MAGIC.length + 1;
      const id = buf.subarray(idStart, idStart + idLength).toString("utf8");
      return open(place, masterById(id), buf.subarray(idStart + idLength));
    },
    blindIndex: ({ workspaceId, purpose, value }) =>
      createHmac("sha256", derive(indexMaster, workspaceId, `papo:blind-index:${purpose}:v1`))
        .update(value)
        .digest("base64url"),
    deriveKey: (purpose) => derive(keys.current, "papo", `papo:${purpose}:v1`),
    needsRotation: (ciphertext) => ciphertext.split(":")[1] !== keys.current.id,
    keyIdOf: (data) => (typeof data === "string" ? columnKeyId(data) : fileKeyId(data)),
  };
  return cipher;
}
