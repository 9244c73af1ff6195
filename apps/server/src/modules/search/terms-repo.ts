import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { type SearchItemType, searchTerms } from "../../db/schema/search-terms.ts";

/** Removes every search term of the given items (erasure, retention, re-indexing). */
export async function deleteSearchTerms(
  db: DbOrTx,
  { workspaceId, itemType, itemIds }: { workspaceId: string; itemType: SearchItemType; itemIds: readonly string[] },
): Promise<void> {
  if (itemIds.length === 0) return;
  await db
    .delete(searchTerms)
    .where(and(eq(searchTerms.workspaceId, workspaceId), eq(searchTerms.itemType, itemType), inArray(searchTerms.itemId, [...itemIds])));
}
