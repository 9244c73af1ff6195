import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../../config.ts";
import { createKeyProvider } from "../../crypto/key-provider.ts";
import { KEY_FILE_NAME } from "../../crypto/master-key.ts";

/** `keys:rotate` cannot run here (the keys come from the environment, or there is no key file yet). */
export class RotationRefused extends Error {
  override readonly name = "RotationRefused";
}

export const ENVIRONMENT_ROTATION_HELP =
  "PAPO_MASTER_KEY is set: the master keys come from the environment, and Papo cannot change them.\n" +
  "To rotate: generate a new key (openssl rand -hex 32), put it in PAPO_MASTER_KEY, add the old one to\n" +
  "PAPO_PREVIOUS_MASTER_KEYS (comma-separated), and restart Papo. It re-encrypts everything in the background;\n" +
  "GET /api/v1/security/encryption (or the log) says when the old key is safe to remove from PAPO_PREVIOUS_MASTER_KEYS.";

/**
 * `npm run keys:rotate`: puts a new random current key first in the key file (the old current key stays, for
 * decryption). A running Papo notices the change (PAPO_KEY_FILE_POLL, or SIGHUP), switches to the new key at once,
 * re-encrypts in the background and then removes the old key's line; a stopped Papo does the same at its next start.
 */
export async function rotateMasterKey(
  config: Pick<Config, "masterKey" | "previousMasterKeys" | "dataDir" | "keyFilePollSeconds">,
): Promise<{ keyId: string; olderKeyIds: string[]; keyFile: string }> {
  const provider = createKeyProvider(config);
  if (!provider.rotate) throw new RotationRefused(ENVIRONMENT_ROTATION_HELP);
  const keyFile = join(config.dataDir, KEY_FILE_NAME);
  // Without the file a new ring would hold only the new key: whatever the old one protects would be lost.
  if (!existsSync(keyFile)) {
    throw new RotationRefused(
      `No key file at ${keyFile}: check DATA_DIR (start Papo once to create its key; there is nothing to rotate yet).`,
    );
  }
  const before = await provider.load();
  const key = await provider.rotate();
  return { keyId: key.id, olderKeyIds: [...before.byId.keys()], keyFile };
}
