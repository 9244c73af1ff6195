import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ServiceContext } from "../context.ts";
import type { Deps } from "../deps.ts";
import { createUsersRepo } from "../modules/auth/repo.ts";
import { AppError } from "./errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the auth hook on every `/api/v1` route except login. */
    auth?: ServiceContext;
  }
}

const invalidToken = () =>
  new AppError({ code: "auth.invalid_token", status: 401, message: "The token is invalid or expired: log in again" });

/**
 * Every route registered in `scope` requires `Authorization: Bearer <token>` and gets `request.auth`. A valid signature
 * is not enough: the token's user must still exist in the token's workspace and be active, and the role is the one in
 * the database now (a demotion or a deactivation takes effect on the next request) — one primary-key lookup.
 */
export function requireBearer(scope: FastifyInstance, deps: Pick<Deps, "tokens" | "database">): void {
  scope.decorateRequest("auth", undefined);
  scope.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
    if (!token)
      throw new AppError({
        code: "auth.missing_token",
        status: 401,
        message: "Send Authorization: Bearer <token> (POST /api/v1/auth/login)",
      });
    const claims = await deps.tokens.verify(token);
    if (!claims) throw invalidToken();
    const role = await createUsersRepo({ db: deps.database.db }).activeRole(claims.workspaceId, claims.userId);
    if (!role) throw invalidToken();
    request.auth = { workspaceId: claims.workspaceId, actor: { type: "user", userId: claims.userId, role } };
  });
}

/** The caller's context; the hook guarantees it on authenticated routes. */
export function authOf(request: FastifyRequest): ServiceContext {
  if (!request.auth) throw new AppError({ code: "auth.missing_token", status: 401, message: "Not authenticated" });
  return request.auth;
}

/** Admin-only operations (channel credentials, managing users). */
export function requireAdmin(ctx: ServiceContext): void {
  if (ctx.actor.type === "user" && ctx.actor.role !== "admin") {
    throw new AppError({ code: "auth.forbidden", status: 403, message: "Only administrators can do this" });
  }
}

/** Managing shared team content (canned responses): administrators and supervisors, not agents. */
export function requireSupervisor(ctx: ServiceContext): void {
  if (ctx.actor.type === "user" && ctx.actor.role !== "admin" && ctx.actor.role !== "supervisor") {
    throw new AppError({ code: "auth.forbidden", status: 403, message: "Only administrators and supervisors can do this" });
  }
}
