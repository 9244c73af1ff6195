import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf, sessionOf } from "../../http/auth.ts";
import { notFound } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { recordAccountEvent } from "../audit/auth-events.ts";
import { auditSource } from "../audit/request.ts";
import { clearRefreshCookie } from "./cookies.ts";
import { createMfaRepo } from "./mfa-repo.ts";
import { disableMfa, mfaStatus } from "./mfa-service.ts";
import { changeOwnPassword } from "./password-service.ts";
import { clientOf, withRetryAfter } from "./routes.ts";
import { changePasswordBody, disableBody, mfaStatusSchema, sessionSchema, workspaceSecuritySchema } from "./schemas.ts";
import { createSessionsRepo } from "./sessions-repo.ts";
import { revokeSession } from "./sessions-service.ts";

const tags = ["auth"];

/** The signed-in user's own security: password, two-factor, sessions; and the workspace's policy (settings.manage). */
export async function accountRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (request: Parameters<typeof authOf>[0]) => {
    const ctx = authOf(request);
    if (ctx.actor.type !== "user") throw notFound("users");
    return { workspaceId: ctx.workspaceId, userId: ctx.actor.userId };
  };

  r.post(
    "/api/v1/auth/logout-all",
    {
      schema: {
        tags,
        summary: "Log out everywhere: every session of the user ends, this one included",
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { workspaceId, userId } = me(request);
      await createSessionsRepo({ db: deps.database.db, cipher: deps.cipher }).revokeUser(
        workspaceId,
        userId,
        deps.clock.now(),
        "logout_all",
      );
      await recordAccountEvent(deps, { workspaceId, userId, action: "session.revoked", ip: request.ip, details: { reason: "logout_all" } });
      clearRefreshCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/api/v1/auth/sessions",
    {
      schema: {
        tags,
        summary: "The user's active sessions (browsers and API clients logged in), most recently used first",
        response: { 200: z.object({ data: z.array(sessionSchema), nextCursor: z.null() }) },
      },
    },
    async (request, reply) => {
      const { workspaceId, userId } = me(request);
      const current = sessionOf(request);
      const list = await createSessionsRepo({ db: deps.database.db, cipher: deps.cipher }).listLive(workspaceId, userId, deps.clock.now());
      reply.header("cache-control", "no-store");
      return {
        data: list.map((s) => ({
          id: s.id,
          createdAt: s.createdAt.toISOString(),
          lastUsedAt: s.lastUsedAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          userAgent: s.userAgent,
          ip: s.ip,
          current: s.id === current,
        })),
        nextCursor: null,
      };
    },
  );

  r.delete(
    "/api/v1/auth/sessions/:id",
    {
      schema: {
        tags,
        summary: "End one of the user's sessions (log out that browser or client)",
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), 404: errorResponse },
      },
    },
    async (request, reply) => {
      const { workspaceId, userId } = me(request);
      const revoked = await revokeSession({ deps, workspaceId, userId, sessionId: request.params.id, reason: "revoked_by_user" });
      if (!revoked) throw notFound("sessions", request.params.id);
      await recordAccountEvent(deps, {
        workspaceId,
        userId,
        action: "session.revoked",
        ip: request.ip,
        target: { type: "session", id: request.params.id },
        details: { reason: "revoked_by_user" },
      });
      if (request.params.id === sessionOf(request)) clearRefreshCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/api/v1/auth/password",
    {
      schema: {
        tags,
        summary: "Change my password (the current one, and a new one that passes the policy); my other sessions end",
        description:
          "`users.weak_password` with `details.reason`: `too_short` (under 12 characters), `common` (on the list of common and leaked passwords) or `contains_personal_data` (contains the e-mail or the name). A wrong current password is `auth.wrong_password` and counts toward the lockout.",
        body: changePasswordBody,
        response: { 204: z.null(), 400: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) =>
      withRetryAfter(reply, async () => {
        const { workspaceId, userId } = me(request);
        await changeOwnPassword({
          deps,
          workspaceId,
          userId,
          sessionId: sessionOf(request),
          currentPassword: request.body.currentPassword,
          newPassword: request.body.newPassword,
          client: clientOf(request),
        });
        await recordAccountEvent(deps, { workspaceId, userId, action: "auth.password_changed", ip: request.ip });
        return reply.code(204).send(null);
      }),
  );

  r.get(
    "/api/v1/auth/2fa",
    {
      schema: {
        tags,
        summary: "My two-factor state: on or off, recovery codes left, whether the workspace requires it",
        response: { 200: mfaStatusSchema },
      },
    },
    async (request) => {
      const status = await mfaStatus({ deps, ...me(request) });
      return { ...status, enabledAt: status.enabledAt?.toISOString() ?? null };
    },
  );

  r.post(
    "/api/v1/auth/2fa/disable",
    {
      schema: {
        tags,
        summary: "Turn two-factor off (password and a code or a recovery code); refused while the workspace requires it",
        body: disableBody,
        response: { 204: z.null(), 400: errorResponse, 409: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) =>
      withRetryAfter(reply, async () => {
        const { code, recoveryCode, password } = request.body;
        const factor = code !== undefined ? { code } : { recoveryCode: recoveryCode ?? "" };
        await disableMfa({ deps, ...me(request), password, factor, client: clientOf(request) });
        await recordAccountEvent(deps, { ...me(request), action: "auth.2fa.disabled", ip: request.ip });
        return reply.code(204).send(null);
      }),
  );

  const settings = () => createMfaRepo({ db: deps.database.db, cipher: deps.cipher });
  r.get(
    "/api/v1/workspace/security",
    {
      schema: { tags: ["workspace"], summary: "The workspace's authentication policy", response: { 200: workspaceSecuritySchema } },
    },
    async (request) => ({ mfaRequired: await settings().workspaceRequiresMfa(authOf(request).workspaceId) }),
  );
  r.patch(
    "/api/v1/workspace/security",
    {
      schema: {
        tags: ["workspace"],
        summary: "Change the workspace's authentication policy (require two-factor of everyone)",
        description: "With `mfaRequired: true`, users without two-factor must enrol at their next login before anything else.",
        body: workspaceSecuritySchema,
        response: { 200: workspaceSecuritySchema },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      await settings().setWorkspaceRequiresMfa(workspaceId, request.body.mfaRequired, deps.clock.now());
      await deps.audit.record({
        ...auditSource(request),
        action: "settings.changed",
        target: { type: "workspace", id: workspaceId },
        details: { setting: "mfaRequired", to: request.body.mfaRequired },
      });
      return { mfaRequired: request.body.mfaRequired };
    },
  );
}
