import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { type UserRole, users } from "../../db/schema/users.ts";
import { effectivePermissions, type Permission } from "./permissions.ts";

/**
 * The user's role and effective permissions as stored now (a grant or a revocation applies on the next request), if
 * they still exist in the workspace and are active. One primary-key lookup.
 */
export async function loadAccess(
  db: DbOrTx,
  workspaceId: string,
  userId: string,
): Promise<{ role: UserRole; permissions: Permission[] } | undefined> {
  const [row] = await db
    .select({ role: users.role, permissions: users.permissions })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, workspaceId), isNull(users.disabledAt)))
    .limit(1);
  return row && { role: row.role, permissions: effectivePermissions(row.role, row.permissions) };
}
