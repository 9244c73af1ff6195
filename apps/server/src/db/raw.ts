import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "./client.ts";

/**
 * Runs hand-written SQL (for what the query builder cannot say, like `FOR UPDATE SKIP LOCKED` inside an UPDATE) and
 * returns its rows. Both drivers answer with `{ rows }`; the generic Drizzle type cannot know which.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] };
  return result.rows ?? [];
}
