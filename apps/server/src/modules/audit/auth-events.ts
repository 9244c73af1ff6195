import type { Deps } from "../../deps.ts";
import { AppError } from "../../http/errors.ts";
import { createUsersRepo } from "../auth/repo.ts";
import type { AuditAction } from "./actions.ts";
import type { AuditJson } from "./chain.ts";

type AuditDeps = Pick<Deps, "audit" | "database" | "log">;

/** Something a signed-in (or just signed-in) user did to their own account or sessions. */
export function recordAccountEvent(
  deps: AuditDeps,
  {
    workspaceId,
    userId,
    action,
    ip,
    target,
    details,
  }: {
    workspaceId: string;
    userId: string;
    action: AuditAction;
    ip: string;
    target?: { type: "user" | "session"; id: string };
    details?: Record<string, AuditJson>;
  },
): Promise<unknown> {
  return deps.audit.record({
    workspaceId,
    actor: { type: "user", id: userId },
    action,
    target: target ?? { type: "user", id: userId },
    ...(details ? { details } : {}),
    ip,
  });
}

const FAILED_LOGIN_ACTIONS: Record<string, AuditAction> = {
  "auth.invalid_credentials": "auth.login.failed",
  "auth.locked": "auth.login.locked",
  "auth.invalid_mfa_code": "auth.2fa.failed",
};

/**
 * A refused login (`auth.login.failed`, `auth.login.locked`) or second step (`auth.2fa.failed`), recorded in the
 * targeted user's workspace, by an anonymous actor (whoever typed it is not known to be that user). Written after the
 * answer, without delaying it: the answer's timing must not tell whether the e-mail exists. A refused e-mail that is
 * no user's is not recorded (the audit log is per workspace, and that e-mail belongs to none); the lockout still
 * counts it.
 */
export function recordRefusedLogin(
  deps: AuditDeps,
  {
    error,
    ip,
    email,
    user,
  }: { error: unknown; ip: string; email?: string; user?: () => Promise<{ workspaceId: string; userId: string } | null> },
): void {
  const action = error instanceof AppError ? FAILED_LOGIN_ACTIONS[error.code] : undefined;
  if (!action) return;
  const target = async () => {
    if (user) return user();
    const row = email ? await createUsersRepo({ db: deps.database.db }).findByEmailForLogin(email) : undefined;
    return row ? { workspaceId: row.workspaceId, userId: row.id } : null;
  };
  setImmediate(() => {
    target()
      .then((who) =>
        who
          ? deps.audit.record({
              workspaceId: who.workspaceId,
              actor: { type: "anonymous", id: null },
              action,
              target: { type: "user", id: who.userId },
              ip,
            })
          : undefined,
      )
      .catch((failure: unknown) => deps.log.warn({ err: failure, action }, "a refused login could not be recorded in the audit log"));
  });
}
