import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../http/errors.ts";
import { createUsersRepo, type UserRow } from "./repo.ts";
import { createSessionsRepo, type RevokeReason } from "./sessions-repo.ts";

export type AuthDeps = Pick<Deps, "database" | "cipher" | "clock" | "tokens" | "config">;

/** Who is on the other end, kept (encrypted) with the session so its owner can recognise it in the list. */
export interface ClientInfo {
  userAgent: string | null;
  ip: string;
}

export interface PublicUser {
  id: string;
  workspaceId: string;
  name: string;
  email: string;
  role: string;
}

/** What a completed login or a refresh hands out. */
export interface SessionGrant {
  token: string;
  expiresIn: number;
  user: PublicUser;
  sessionId: string;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export const toPublicUser = (u: UserRow): PublicUser => ({
  id: u.id,
  workspaceId: u.workspaceId,
  name: u.name,
  email: u.email,
  role: u.role,
});

/** Refresh tokens are 256 random bits: a plain SHA-256 is enough to store them (nothing to brute-force). */
export const hashRefreshToken = (token: string): string => createHash("sha256").update(token).digest("hex");

const invalidRefreshToken = () =>
  new AppError({
    code: "auth.invalid_refresh_token",
    status: 401,
    message: "The refresh token is missing, expired, revoked or already used: log in again",
  });

const MAX_USER_AGENT = 512;
const clientColumns = (client: ClientInfo) => ({ userAgent: client.userAgent?.slice(0, MAX_USER_AGENT) ?? null, ip: client.ip });

async function grantFor(
  deps: AuthDeps,
  user: UserRow,
  sessionId: string,
  refreshToken: string,
  refreshExpiresAt: Date,
): Promise<SessionGrant> {
  const token = await deps.tokens.sign({ userId: user.id, workspaceId: user.workspaceId, role: user.role, sessionId });
  return { token, expiresIn: deps.tokens.ttlSeconds, user: toPublicUser(user), sessionId, refreshToken, refreshExpiresAt };
}

/** Starts a session (a new family) for a user who has just proven who they are. */
export async function startSession({ deps, user, client }: { deps: AuthDeps; user: UserRow; client: ClientInfo }): Promise<SessionGrant> {
  const now = deps.clock.now();
  const familyId = randomUUID();
  const refreshToken = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + deps.config.auth.refreshTokenTtlSeconds * 1000);
  const repo = createSessionsRepo({ db: deps.database.db, cipher: deps.cipher });
  await repo.insert({
    id: familyId,
    workspaceId: user.workspaceId,
    userId: user.id,
    familyId,
    refreshTokenHash: hashRefreshToken(refreshToken),
    authenticatedAt: now,
    createdAt: now,
    expiresAt,
    ...clientColumns(client),
  });
  // Housekeeping at the one moment a user's rows are touched anyway: sessions over for a day are forgotten.
  await repo.deleteEnded(user.workspaceId, user.id, new Date(now.getTime() - 24 * 3600 * 1000));
  return grantFor(deps, user, familyId, refreshToken, expiresAt);
}

/**
 * Trades a refresh token for a new access token and a new refresh token (rotation). The old token stops working; if
 * it is ever presented again — a copy in someone else's hands, or a replay — the whole session is revoked, and every
 * access token of it with it.
 */
export async function refreshSession({
  deps,
  refreshToken,
  client,
  onReuse,
}: {
  deps: AuthDeps;
  refreshToken: string;
  client: ClientInfo;
  /** Told (after the revocation has committed) when a rotated token came back, i.e. a copy exists somewhere. */
  onReuse?: (session: { workspaceId: string; userId: string; familyId: string }) => void;
}): Promise<SessionGrant> {
  const now = deps.clock.now();
  const outcome = await deps.database.db.transaction(async (tx) => {
    const repo = createSessionsRepo({ db: tx, cipher: deps.cipher });
    const row = await repo.findByHashForUpdate(hashRefreshToken(refreshToken));
    if (!row || row.revokedAt) return { ok: false as const };
    if (row.rotatedAt) {
      await repo.revokeFamily(row.workspaceId, row.familyId, now, "reuse_detected");
      return { ok: false as const, reused: { workspaceId: row.workspaceId, userId: row.userId, familyId: row.familyId } };
    }
    if (row.expiresAt <= now) return { ok: false as const };
    const user = await createUsersRepo({ db: tx }).get(row.workspaceId, row.userId);
    if (!user || user.disabledAt) return { ok: false as const };
    const next = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + deps.config.auth.refreshTokenTtlSeconds * 1000);
    await repo.markRotated(row.id, now);
    await repo.insert({
      id: randomUUID(),
      workspaceId: row.workspaceId,
      userId: row.userId,
      familyId: row.familyId,
      refreshTokenHash: hashRefreshToken(next),
      authenticatedAt: row.authenticatedAt,
      createdAt: now,
      expiresAt,
      ...clientColumns(client),
    });
    return { ok: true as const, user, familyId: row.familyId, refreshToken: next, expiresAt };
  });
  // Thrown after the transaction, so a detected reuse stays revoked.
  if (!outcome.ok) {
    if ("reused" in outcome && outcome.reused) onReuse?.(outcome.reused);
    throw invalidRefreshToken();
  }
  return grantFor(deps, outcome.user, outcome.familyId, outcome.refreshToken, outcome.expiresAt);
}

/** Logout with a refresh token (the console's cookie): ends that token's session, whatever state it is in. */
export async function revokeByRefreshToken({ deps, refreshToken }: { deps: AuthDeps; refreshToken: string }): Promise<boolean> {
  const repo = createSessionsRepo({ db: deps.database.db, cipher: deps.cipher });
  const row = await repo.findByHash(hashRefreshToken(refreshToken));
  if (!row) return false;
  await repo.revokeFamily(row.workspaceId, row.familyId, deps.clock.now(), "logout");
  return true;
}

export async function revokeSession({
  deps,
  workspaceId,
  userId,
  sessionId,
  reason,
}: {
  deps: AuthDeps;
  workspaceId: string;
  userId: string;
  sessionId: string;
  reason: RevokeReason;
}): Promise<boolean> {
  const repo = createSessionsRepo({ db: deps.database.db, cipher: deps.cipher });
  const now = deps.clock.now();
  // Only the user's own, live session: anything else is "not found" (no probing of other people's session ids).
  if (!(await repo.isLive(workspaceId, userId, sessionId, now))) return false;
  return repo.revokeFamily(workspaceId, sessionId, now, reason);
}
