import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { FieldCipher } from "../../crypto/field-cipher.ts";

/**
 * Media bytes on disk under DATA_DIR/media, encrypted with the same AES-256-GCM scheme as columns and bound to the
 * media row. An S3-compatible store can implement the same three calls later.
 */
export interface MediaStorage {
  write(args: { workspaceId: string; mediaId: string; data: Uint8Array }): Promise<string>;
  read(args: { workspaceId: string; mediaId: string; storageKey: string }): Promise<Buffer>;
}

export function createDiskMediaStorage({ root, cipher }: { root: string; cipher: FieldCipher }): MediaStorage {
  const place = (workspaceId: string, mediaId: string) => ({ workspaceId, table: "media", column: "file", rowId: mediaId });
  return {
    async write({ workspaceId, mediaId, data }) {
      const storageKey = `${workspaceId}/${mediaId}.bin`;
      const path = join(root, storageKey);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a crash never leaves a half-written file under the final name.
      await writeFile(`${path}.tmp`, cipher.encryptBytes(place(workspaceId, mediaId), data), { mode: 0o600 });
      await rename(`${path}.tmp`, path);
      return storageKey;
    },
    async read({ workspaceId, mediaId, storageKey }) {
      return cipher.decryptBytes(place(workspaceId, mediaId), await readFile(join(root, storageKey)));
    },
  };
}
