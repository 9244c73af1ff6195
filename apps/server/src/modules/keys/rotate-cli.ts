import { ConfigError, loadDotEnv, parseConfig } from "../../config.ts";
import { RotationRefused, rotateMasterKey } from "./rotate.ts";

/*
 * `npm run keys:rotate`: adds a new current master key to DATA_DIR/master.key (same environment and `.env` as
 * `npm start`). Exit code 0 when rotated, 2 when refused (keys from the environment, no key file, bad configuration).
 */
async function main(): Promise<void> {
  loadDotEnv();
  try {
    const config = parseConfig(process.env);
    const { keyId, olderKeyIds, keyFile } = await rotateMasterKey(config);
    const poll = config.keyFilePollSeconds > 0 ? `within ${config.keyFilePollSeconds}s` : "on SIGHUP (PAPO_KEY_FILE_POLL is 0)";
    console.log(
      [
        `New current master key ${keyId} added to ${keyFile} (older keys kept for decryption: ${olderKeyIds.join(", ")}).`,
        `BACK UP ${keyFile} NOW, separately from the data: without it, what is encrypted from now on cannot be read.`,
        `A running Papo switches to the new key ${poll} (or send it SIGHUP) and re-encrypts everything in the background;`,
        "a stopped Papo does it at its next start. Progress: GET /api/v1/security/encryption. When it is done, Papo",
        "removes the old key's line from the file by itself (keep the old key with any backup made before, to restore it).",
      ].join("\n"),
    );
  } catch (error) {
    console.error(
      error instanceof ConfigError || error instanceof RotationRefused || error instanceof Error ? error.message : String(error),
    );
    process.exitCode = 2;
  }
}

await main();
