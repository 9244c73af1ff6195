import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import type { FieldCipher } from "../../crypto/field-cipher.ts";

/**
 * Media bytes on disk under DATA_DIR/media, encrypted with the same AES-256-GCM scheme as columns and bound to the
 * media row. An S3-compatible store can implement the same three calls later.
 */
export interface MediaStorage {
  write(args: { workspaceId: string; mediaId: string; data: Uint8Array }): Promise<string>;
  read(args: { workspaceId: string; mediaId: string; storageKey: string }): Promise<Buffer>;
  /** Deletes the file (erasure, retention); a file already gone is not an error. */
  remove(args: { workspaceId: string; storageKey: string }): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STORAGE_KEY = /^([0-9a-f-]{36})\/([0-9a-f-]{36})\.bin$/i;

/** A storage key or id that is not one Papo makes: never turned into a path. */
export class MediaPathError extends Error {
  override readonly name = "MediaPathError";
}

/** The storage key of a media file: `<workspaceId>/<mediaId>.bin`, both UUIDs Papo generated (no caller text in it). */
export function mediaStorageKey(workspaceId: string, mediaId: string): string {
  if (!UUID.test(workspaceId) || !UUID.test(mediaId)) throw new MediaPathError("media ids must be UUIDs");
  return `${workspaceId}/${mediaId}.bin`;
}

/**
 * The file of a storage key under `root`. Only the exact shape `mediaStorageKey` makes is accepted (no `..`, no
 * absolute path, no encoded separator can get through), the key must belong to `workspaceId`, and the resolved path
 * must still be inside `root` — so a tampered row can never point outside the media folder.
 */
export function mediaFilePath(root: string, storageKey: string, workspaceId: string): string {
  const match = STORAGE_KEY.exec(storageKey);
  if (!match || !UUID.test(match[1] ?? "") || !UUID.test(match[2] ?? "")) throw new MediaPathError("not a media storage key");
  if (match[1]?.toLowerCase() !== workspaceId.toLowerCase()) throw new MediaPathError("the storage key belongs to another workspace");
  const base = resolve(root);
  const path = resolve(base, storageKey);
  if (!path.startsWith(base + sep)) throw new MediaPathError("the storage key resolves outside the media folder");
  return path;
}

export function createDiskMediaStorage({ root, cipher }: { root: string; cipher: FieldCipher }): MediaStorage {
  const place = (workspaceId: string, mediaId: string) => ({ workspaceId, table: "media", column: "file", rowId: mediaId });
  return {
    async write({ workspaceId, mediaId, data }) {
      const storageKey = mediaStorageKey(workspaceId, mediaId);
      const path = mediaFilePath(root, storageKey, workspaceId);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a crash never leaves a half-written file under the final name.
      await writeFile(`${path}.tmp`, cipher.encryptBytes(place(workspaceId, mediaId), data), { mode: 0o600 });
      await rename(`${path}.tmp`, path);
      return storageKey;
    },
    async read({ workspaceId, mediaId, storageKey }) {
      return cipher.decryptBytes(place(workspaceId, mediaId), await readFile(mediaFilePath(root, storageKey, workspaceId)));
    },
    async remove({ workspaceId, storageKey }) {
      const path = mediaFilePath(root, storageKey, workspaceId);
      await rm(path, { force: true });
      await rm(`${path}.tmp`, { force: true });
    },
  };
}
