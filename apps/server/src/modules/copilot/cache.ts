import { createHash } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { aiCache } from "../../db/schema/ai-cache.ts";

export const AI_CACHE_TTL_MS = 7 * 24 * 3600_000;

/**
 * The copilot's cache of provider answers for one workspace. The copilot's key already names the feature, model and
 * masked input; hashing it with the workspace makes a row unique across workspaces and keeps any content out of the key.
 */
export function createAiCache({ db, cipher, clock, workspaceId }: { db: DbOrTx; cipher: FieldCipher; clock: Clock; workspaceId: string }) {
  const hash = (key: string) => createHash("sha256").update(`${workspaceId}\u0000${key}`).digest("hex");
  const place = (keyHash: string) => ({ workspaceId, table: "ai_cache", column: "value_enc", rowId: keyHash });
  return {
    async get(key: string): Promise<unknown | undefined> {
      const keyHash = hash(key);
      const [row] = await db
        .select({ valueEnc: aiCache.valueEnc })
        .from(aiCache)
        .where(and(eq(aiCache.keyHash, keyHash), eq(aiCache.workspaceId, workspaceId), gt(aiCache.expiresAt, clock.now())));
      return row ? cipher.decryptJson<unknown>(place(keyHash), row.valueEnc) : undefined;
    },
    async set(key: string, value: unknown): Promise<void> {
      const keyHash = hash(key);
      const values = {
        valueEnc: cipher.encryptJson(place(keyHash), value),
        expiresAt: new Date(clock.now().getTime() + AI_CACHE_TTL_MS),
      };
      await db
        .insert(aiCache)
        .values({ keyHash, workspaceId, ...values })
        .onConflictDoUpdate({ target: aiCache.keyHash, set: values });
    },
  };
}

/** Drops expired answers (every workspace); the analysis worker calls it now and then. */
export async function purgeExpiredAiCache(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(aiCache).where(lt(aiCache.expiresAt, now));
}
