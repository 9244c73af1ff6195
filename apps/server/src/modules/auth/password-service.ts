import { notFound } from "../../http/errors.ts";
import { assertCurrentPassword } from "./mfa-service.ts";
import { assertStrongPassword } from "./password-policy.ts";
import { hashPassword } from "./passwords.ts";
import { createUsersRepo } from "./repo.ts";
import { revokeUserSessions } from "./sessions-repo.ts";
import type { AuthDeps, ClientInfo } from "./sessions-service.ts";

/**
 * `POST /api/v1/auth/password`: the user changes their own password. The current one must be right (a wrong one counts
 * toward the lockout), the new one must pass the policy, and every other session of the user ends.
 */
export async function changeOwnPassword({
  deps,
  workspaceId,
  userId,
  sessionId,
  currentPassword,
  newPassword,
  client,
}: {
  deps: AuthDeps;
  workspaceId: string;
  userId: string;
  sessionId: string | undefined;
  currentPassword: string;
  newPassword: string;
  client: ClientInfo;
}): Promise<{ revokedSessions: number }> {
  const db = deps.database.db;
  const user = await createUsersRepo({ db }).get(workspaceId, userId);
  if (!user || user.disabledAt) throw notFound("users", userId);
  await assertCurrentPassword({ deps, user, password: currentPassword, client, field: "currentPassword" });
  assertStrongPassword(newPassword, user, "newPassword");
  const passwordHash = await hashPassword(newPassword);
  const now = deps.clock.now();
  return db.transaction(async (tx) => {
    await createUsersRepo({ db: tx }).update(workspaceId, userId, { passwordHash, passwordChangedAt: now });
    const revoked = await revokeUserSessions({
      db: tx,
      workspaceId,
      userId,
      at: now,
      reason: "password_changed",
      ...(sessionId ? { exceptFamilyId: sessionId } : {}),
    });
    return { revokedSessions: revoked.length };
  });
}
