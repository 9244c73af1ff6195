import type { Deps } from "../../deps.ts";
import { createUsersRepo } from "./repo.ts";
import { type SessionGrant, startSession } from "./sessions-service.ts";

/**
 * Starts a real session for a user without spending a login (no password, no lockout counter), as a test's shortcut:
 * the token it returns is refused like any other once the session is revoked or the user deactivated.
 */
export async function sessionFor(deps: Deps, { userId, workspaceId }: { userId: string; workspaceId: string }): Promise<SessionGrant> {
  const user = await createUsersRepo({ db: deps.database.db }).get(workspaceId, userId);
  if (!user) throw new Error(`no user ${userId} in workspace ${workspaceId}`);
  return startSession({ deps, user, client: { userAgent: "papo-test", ip: "127.0.0.1" } });
}

/** The access token of a fresh session for the user (see `sessionFor`). */
export const tokenFor = async (deps: Deps, user: { userId: string; workspaceId: string }): Promise<string> =>
  (await sessionFor(deps, user)).token;
