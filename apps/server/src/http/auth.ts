import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ServiceContext } from "../context.ts";
import type { Deps } from "../deps.ts";
import { effectivePermissions } from "../modules/access/permissions.ts";
import { createUsersRepo } from "../modules/auth/repo.ts";
import type { TokenClaims } from "../modules/auth/tokens.ts";
import { AppError } from "./errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the auth hook on every `/api/v1` route except login. */
    auth?: ServiceContext;
    /** The session (`sid`, a refresh-token family) the caller's access token belongs to. */
    sessionId?: string;
  }
}

export const invalidToken = () =>
  new AppError({ code: "auth.invalid_token", status: 401, message: "The token is invalid or expired: log in again" });

const missingToken = () =>
  new AppError({ code: "auth.missing_token", status: 401, message: "Send Authorization: Bearer <token> (POST /api/v1/auth/login)" });

/** The bearer token of a request, if it sent one. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() || undefined : undefined;
}

export type AuthCheckDeps = Pick<Deps, "tokens" | "database" | "clock">;

/**
 * Checks an access token: a valid signature (HS256 only) and expiry are not enough — the token's user must still
 * exist in the token's workspace and be active, and its session (`sid`) must still be live (not logged out, not
 * revoked by a password change or a detected refresh-token theft, not expired). The role and grants are the ones in
 * the database now, so a demotion applies on the next request. One query.
 */
export async function checkAccessToken(
  deps: AuthCheckDeps,
  token: string,
): Promise<{ claims: TokenClaims; ctx: ServiceContext } | undefined> {
  const claims = await deps.tokens.verify(token);
  if (!claims) return undefined;
  const row = await createUsersRepo({ db: deps.database.db }).activeInSession(
    claims.workspaceId,
    claims.userId,
    claims.sessionId,
    deps.clock.now(),
  );
  if (!row) return undefined;
  return {
    claims,
    ctx: {
      workspaceId: claims.workspaceId,
      actor: { type: "user", userId: claims.userId, role: row.role, permissions: effectivePermissions(row.role, row.permissions) },
    },
  };
}

/** Authenticates a request by its bearer token (for routes outside the bearer scope that accept one); sets `request.auth`. */
export async function authenticateBearer(request: FastifyRequest, deps: AuthCheckDeps): Promise<ServiceContext> {
  const token = bearerOf(request);
  if (!token) throw missingToken();
  const checked = await checkAccessToken(deps, token);
  if (!checked) throw invalidToken();
  request.auth = checked.ctx;
  request.sessionId = checked.claims.sessionId;
  return checked.ctx;
}

/** Every route registered in `scope` requires `Authorization: Bearer <token>` (see `checkAccessToken`) and gets `request.auth`. */
export function requireBearer(scope: FastifyInstance, deps: AuthCheckDeps): void {
  scope.decorateRequest("auth", undefined);
  scope.decorateRequest("sessionId", undefined);
  scope.addHook("onRequest", async (request) => {
    await authenticateBearer(request, deps);
  });
}

/** The caller's context; the hook guarantees it on authenticated routes. */
export function authOf(request: FastifyRequest): ServiceContext {
  if (!request.auth) throw missingToken();
  return request.auth;
}

/** The caller's session id (the `sid` of their access token). */
export function sessionOf(request: FastifyRequest): string {
  if (!request.sessionId) throw missingToken();
  return request.sessionId;
}
