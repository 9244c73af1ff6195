import { randomUUID } from "node:crypto";
import type { Clock } from "../../clock.ts";
import type { ServiceContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import type { UserRole } from "../../db/schema/users.ts";
import { AppError, isUniqueViolation, notFound } from "../../http/errors.ts";
import { assertStrongPassword } from "./password-policy.ts";
import { hashPassword } from "./passwords.ts";
import { createUsersRepo, type UserChanges, type UserRow } from "./repo.ts";
import { revokeUserSessions } from "./sessions-repo.ts";

export { MIN_PASSWORD_LENGTH } from "./password-policy.ts";

/** The unique e-mail index refused the write (e-mails are unique across workspaces: login knows no workspace). */
function emailTaken(error: unknown): never {
  if (isUniqueViolation(error))
    throw new AppError({
      code: "users.email_taken",
      status: 409,
      message: "email: another user already has this e-mail",
      details: { field: "email" },
    });
  throw error;
}

export async function createUser({
  ctx,
  db,
  input,
}: {
  ctx: ServiceContext;
  db: Db;
  input: { name: string; email: string; role: UserRole; password: string };
}): Promise<UserRow> {
  assertStrongPassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  return createUsersRepo({ db })
    .insert({ id: randomUUID(), workspaceId: ctx.workspaceId, name: input.name, email: input.email, role: input.role, passwordHash })
    .catch(emailTaken);
}

export interface UserUpdate {
  name?: string;
  role?: UserRole;
  /** false deactivates (login refused, tokens refused at once); true reactivates. */
  active?: boolean;
  /** A new password (reset by an administrator). */
  password?: string;
}

/**
 * Applies an administrator's change to a user. Two rules keep the workspace manageable: an administrator cannot
 * deactivate or demote themselves (`users.cannot_change_self`), and no change may leave the workspace without an active
 * administrator (`users.last_admin`; reachable when the caller is not that administrator, e.g. a system task, or when
 * two administrators demote each other at once — the workspace lock makes the second one see the first).
 */
export async function updateUser({
  ctx,
  db,
  clock,
  id,
  update,
  sessionId,
}: {
  ctx: ServiceContext;
  db: Db;
  clock: Clock;
  id: string;
  update: UserUpdate;
  /** The caller's own session: kept when an administrator resets their own password. */
  sessionId?: string | undefined;
}): Promise<UserRow> {
  if (update.password !== undefined) {
    // The policy needs the user's name and e-mail (a password must not contain them): read before hashing.
    const target = await createUsersRepo({ db }).get(ctx.workspaceId, id);
    if (!target) throw notFound("users", id);
    assertStrongPassword(update.password, { email: target.email, name: update.name ?? target.name });
  }
  // Hashing takes tens of milliseconds: done before the transaction so the workspace lock is held briefly.
  const passwordHash = update.password === undefined ? undefined : await hashPassword(update.password);
  return db.transaction(async (tx) => {
    const repo = createUsersRepo({ db: tx });
    await repo.lockWorkspace(ctx.workspaceId);
    const current = await repo.get(ctx.workspaceId, id);
    if (!current) throw notFound("users", id);

    const wasActiveAdmin = current.role === "admin" && current.disabledAt === null;
    const staysActiveAdmin = (update.role ?? current.role) === "admin" && (update.active ?? current.disabledAt === null);
    if (wasActiveAdmin && !staysActiveAdmin) {
      if (ctx.actor.type === "user" && ctx.actor.userId === id)
        throw new AppError({
          code: "users.cannot_change_self",
          status: 409,
          message: `${update.active === false ? "active" : "role"}: administrators cannot deactivate or demote themselves; ask another administrator`,
          details: { field: update.active === false ? "active" : "role" },
        });
      if ((await repo.countActiveAdmins(ctx.workspaceId, id)) === 0)
        throw new AppError({
          code: "users.last_admin",
          status: 409,
          message: "The workspace must keep at least one active administrator",
          details: { field: update.active === false ? "active" : "role" },
        });
    }

    const changes: UserChanges = {};
    if (update.name !== undefined) changes.name = update.name;
    if (update.role !== undefined) changes.role = update.role;
    if (update.active === false) changes.disabledAt = current.disabledAt ?? clock.now();
    if (update.active === true) changes.disabledAt = null;
    if (passwordHash !== undefined) {
      changes.passwordHash = passwordHash;
      changes.passwordChangedAt = clock.now();
    }
    const updated = await repo.update(ctx.workspaceId, id, changes);
    if (!updated) throw notFound("users", id);
    // A reset password or a deactivation ends the user's sessions at once (an administrator resetting their own
    // password keeps the session they are using).
    if (passwordHash !== undefined || update.active === false) {
      const own = ctx.actor.type === "user" && ctx.actor.userId === id ? sessionId : undefined;
      await revokeUserSessions({
        db: tx,
        workspaceId: ctx.workspaceId,
        userId: id,
        at: clock.now(),
        reason: update.active === false ? "deactivated" : "password_reset",
        ...(own ? { exceptFamilyId: own } : {}),
      });
    }
    return updated;
  });
}
