import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { systemKeys } from "../db/schema/system-keys.ts";
import type { FieldCipher } from "./field-cipher.ts";

const PURPOSE = "blind-index";
const place = { workspaceId: "system", table: "system_keys", column: "key_enc", rowId: PURPOSE };

/**
 * The blind-index key: created once (random, 32 bytes), stored encrypted with the master key, and re-encrypted when
 * the master key has rotated. `cipher` only needs to decrypt here; its own blind indexes are not used.
 */
export async function loadIndexKey({ db, cipher }: { db: Db; cipher: FieldCipher }): Promise<Buffer> {
  await db
    .insert(systemKeys)
    .values({ purpose: PURPOSE, keyEnc: cipher.encrypt(place, randomBytes(32).toString("base64")) })
    .onConflictDoNothing();
  const [row] = await db.select().from(systemKeys).where(eq(systemKeys.purpose, PURPOSE));
  if (!row) throw new Error("the blind-index key could not be stored");
  const key = cipher.decrypt(place, row.keyEnc);
  if (cipher.needsRotation(row.keyEnc)) {
    await db
      .update(systemKeys)
      .set({ keyEnc: cipher.encrypt(place, key) })
      .where(eq(systemKeys.purpose, PURPOSE));
  }
  return Buffer.from(key, "base64");
}
