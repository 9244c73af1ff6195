import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import { grantsOf, type Permission } from "./permissions.ts";

/** Replaces a user's grants (`users.permissions`); `undefined` when no such user is in the workspace. */
export async function setGrants(
  db: DbOrTx,
  workspaceId: string,
  userId: string,
  permissions: readonly Permission[],
): Promise<typeof users.$inferSelect | undefined> {
  const [row] = await db
    .update(users)
    .set({ permissions: grantsOf(permissions) })
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
    .returning();
  return row;
}
