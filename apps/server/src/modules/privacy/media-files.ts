import type { Deps } from "../../deps.ts";
import type { DeletedMedia } from "./erasure-repo.ts";

/**
 * Removes the files of media rows deleted by a committed erasure. A file that cannot be removed is logged by its id
 * (never its name) and left for the operator: the row is gone, so nothing serves it any more.
 */
export async function removeMediaFiles(deps: Pick<Deps, "storage" | "log">, deleted: readonly DeletedMedia[]): Promise<number> {
  let removed = 0;
  for (const file of deleted) {
    if (!file.storageKey) continue;
    try {
      await deps.storage.remove({ workspaceId: file.workspaceId, storageKey: file.storageKey });
      removed += 1;
    } catch (error) {
      deps.log.error({ err: error, mediaId: file.id }, "an erased media file could not be removed");
    }
  }
  return removed;
}
