import { and, eq, lt, or, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * Keyset pagination, newest first: rows strictly after the cursor `(at, id)` in `(at desc, id desc)` order. The id
 * breaks ties between rows with the same timestamp, so no row is skipped or repeated across pages.
 */
export function olderThan(atColumn: PgColumn, idColumn: PgColumn, cursor: { at: Date; id: string } | undefined): SQL | undefined {
  if (!cursor) return undefined;
  return or(lt(atColumn, cursor.at), and(eq(atColumn, cursor.at), lt(idColumn, cursor.id)));
}
