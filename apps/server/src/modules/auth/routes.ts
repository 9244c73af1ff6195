import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authenticateBearer, bearerOf, checkAccessToken, invalidToken } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { recordAccountEvent, recordRefusedLogin } from "../audit/auth-events.ts";
import { clearRefreshCookie, deliverGrant, refreshCookieOf, type TokenDelivery } from "./cookies.ts";
import { enableMfa, setupMfa } from "./mfa-service.ts";
import {
  enableBody,
  enableResponse,
  loginBody,
  mfaRequiredSchema,
  mfaSetupRequiredSchema,
  refreshBody,
  sessionGrantSchema,
  setupBody,
  setupResponse,
  verifyBody,
} from "./schemas.ts";
import { completeLogin, invalidMfaToken, login, verifyMfaLogin } from "./service.ts";
import { type ClientInfo, refreshSession, revokeByRefreshToken, revokeSession } from "./sessions-service.ts";

export const clientOf = (request: FastifyRequest): ClientInfo => ({ userAgent: request.headers["user-agent"] ?? null, ip: request.ip });

/** `auth.locked` carries `Retry-After` too, for clients that read the header rather than the body. */
export async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code === "auth.locked") {
      reply.header("retry-after", String((error.details as { retryAfter: number }).retryAfter));
    }
    throw error;
  }
}

const tags = ["auth"];
const limited = (max: number) => ({ rateLimit: { max, timeWindow: "1 minute" } });

/**
 * The routes used before there is a session, or that end one: login, its second step, two-factor enrolment when the
 * workspace requires it, refresh and logout. (The signed-in user's own routes are in `account-routes.ts`.)
 */
export async function authRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  app.decorateRequest("auth", undefined);
  app.decorateRequest("sessionId", undefined);

  r.post(
    "/api/v1/auth/login",
    {
      config: limited(10),
      schema: {
        tags,
        summary: "Log in with e-mail and password: an access token (and a refresh token), or the second step when two-factor is on",
        description:
          "Failures count per e-mail and per client address: 5 failures of one e-mail in 15 minutes lock it for 5 minutes, then 15, 45… (429 `auth.locked` with `details.retryAfter`, the same for every e-mail, existing or not). Users with two-factor get `{ mfaRequired, mfaToken }`; users of a workspace that requires two-factor and have none get `{ mfaSetupRequired, mfaToken }`.",
        body: loginBody,
        response: {
          200: z.union([sessionGrantSchema, mfaRequiredSchema, mfaSetupRequiredSchema]),
          401: errorResponse,
          429: errorResponse,
        },
      },
    },
    async (request, reply) =>
      withRetryAfter(reply, async () => {
        const outcome = await login({ deps, email: request.body.email, password: request.body.password, client: clientOf(request) }).catch(
          (error: unknown) => {
            recordRefusedLogin(deps, { error, ip: request.ip, email: request.body.email });
            throw error;
          },
        );
        if (outcome.kind === "session") {
          const { user, sessionId } = outcome.grant;
          await recordAccountEvent(deps, {
            workspaceId: user.workspaceId,
            userId: user.id,
            action: "auth.login.succeeded",
            ip: request.ip,
            details: { sessionId, secondFactor: "none" },
          });
        }
        reply.header("cache-control", "no-store");
        if (outcome.kind === "mfa_required")
          return { mfaRequired: true as const, mfaToken: outcome.mfaToken, expiresIn: outcome.expiresIn };
        if (outcome.kind === "mfa_setup_required")
          return { mfaSetupRequired: true as const, mfaToken: outcome.mfaToken, expiresIn: outcome.expiresIn };
        return deliverGrant(request, reply, outcome.grant, request.body.tokenDelivery ?? "cookie", deps.clock.now());
      }),
  );

  r.post(
    "/api/v1/auth/2fa/verify",
    {
      config: limited(10),
      schema: {
        tags,
        summary: "Second step of a login: the mfaToken and a code of the authenticator app (or a recovery code)",
        description: "A code is accepted once; wrong codes count toward the lockout like wrong passwords.",
        body: verifyBody,
        response: { 200: sessionGrantSchema, 400: errorResponse, 401: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) =>
      withRetryAfter(reply, async () => {
        const { mfaToken, code, recoveryCode, tokenDelivery } = request.body;
        const factor = code !== undefined ? { code } : { recoveryCode: recoveryCode ?? "" };
        const { grant, usedRecoveryCode } = await verifyMfaLogin({ deps, mfaToken, factor, client: clientOf(request) }).catch(
          (error: unknown) => {
            const user = async () => {
              const claims = await deps.tokens.verifyMfa(mfaToken, "verify");
              return claims && { workspaceId: claims.workspaceId, userId: claims.userId };
            };
            recordRefusedLogin(deps, { error, ip: request.ip, user });
            throw error;
          },
        );
        const who = { workspaceId: grant.user.workspaceId, userId: grant.user.id, ip: request.ip };
        const secondFactor = usedRecoveryCode ? "recovery_code" : "totp";
        await recordAccountEvent(deps, { ...who, action: "auth.login.succeeded", details: { sessionId: grant.sessionId, secondFactor } });
        if (usedRecoveryCode) await recordAccountEvent(deps, { ...who, action: "auth.2fa.recovery_code_used" });
        return deliverGrant(request, reply, grant, tokenDelivery ?? "cookie", deps.clock.now());
      }),
  );

  r.post(
    "/api/v1/auth/refresh",
    {
      config: limited(30),
      schema: {
        tags,
        summary: "A new access token for a refresh token (cookie or body); the refresh token is replaced (rotation)",
        description:
          "The old refresh token stops working. Presenting an already-replaced token again revokes the whole session (theft or replay), and every access token of it.",
        body: refreshBody,
        response: { 200: sessionGrantSchema, 401: errorResponse },
      },
    },
    async (request, reply) => {
      const fromBody = request.body?.refreshToken;
      const refreshToken = fromBody ?? refreshCookieOf(request);
      const delivery: TokenDelivery = request.body?.tokenDelivery ?? (fromBody ? "body" : "cookie");
      try {
        if (!refreshToken) throw new AppError({ code: "auth.invalid_refresh_token", status: 401, message: "No refresh token: log in" });
        const client = clientOf(request);
        const grant = await refreshSession({
          deps,
          refreshToken,
          client,
          onReuse: ({ workspaceId, userId, familyId }) => {
            // The presenter may be the thief or the victim: recorded as anonymous, about the user's revoked session.
            deps.audit
              .record({
                workspaceId,
                actor: { type: "anonymous", id: null },
                action: "auth.refresh_reuse_detected",
                target: { type: "session", id: familyId },
                details: { userId },
                ip: client.ip,
              })
              .catch((failure: unknown) => deps.log.warn({ err: failure }, "a refresh-token reuse could not be recorded in the audit log"));
          },
        });
        return deliverGrant(request, reply, grant, delivery, deps.clock.now());
      } catch (error) {
        if (!fromBody) clearRefreshCookie(request, reply);
        throw error;
      }
    },
  );

  r.post(
    "/api/v1/auth/logout",
    {
      schema: {
        tags,
        summary: "End this session: by its access token (bearer), its refresh token (cookie or body), or both",
        description: "Every token of the session stops working at once. Clears the refresh cookie.",
        body: refreshBody,
        response: { 204: z.null(), 401: errorResponse },
      },
    },
    async (request, reply) => {
      const bearer = bearerOf(request);
      const refreshToken = request.body?.refreshToken ?? refreshCookieOf(request);
      const checked = bearer ? await checkAccessToken(deps, bearer) : undefined;
      if (!checked && !refreshToken) {
        if (bearer) throw invalidToken();
        throw new AppError({ code: "auth.missing_token", status: 401, message: "Send the bearer token or the refresh token to log out" });
      }
      if (checked) {
        const { claims } = checked;
        const revoked = await revokeSession({
          deps,
          workspaceId: claims.workspaceId,
          userId: claims.userId,
          sessionId: claims.sessionId,
          reason: "logout",
        });
        if (revoked)
          await recordAccountEvent(deps, {
            workspaceId: claims.workspaceId,
            userId: claims.userId,
            action: "session.revoked",
            ip: request.ip,
            target: { type: "session", id: claims.sessionId },
            details: { reason: "logout" },
          });
      }
      if (refreshToken) await revokeByRefreshToken({ deps, refreshToken });
      clearRefreshCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  /** Who is enrolling: a signed-in user (bearer), or one whose login stopped at `mfaSetupRequired` (its token). */
  const enrollee = async (request: FastifyRequest, mfaToken: string | undefined) => {
    if (mfaToken) {
      const claims = await deps.tokens.verifyMfa(mfaToken, "setup");
      if (!claims) throw invalidMfaToken();
      return { workspaceId: claims.workspaceId, userId: claims.userId, sessionId: undefined, viaLogin: true };
    }
    const ctx = await authenticateBearer(request, deps);
    if (ctx.actor.type !== "user") throw invalidToken();
    return { workspaceId: ctx.workspaceId, userId: ctx.actor.userId, sessionId: request.sessionId, viaLogin: false };
  };

  r.post(
    "/api/v1/auth/2fa/setup",
    {
      config: limited(10),
      schema: {
        tags,
        summary: "Start two-factor enrolment: a new TOTP secret, its otpauth:// URI and a QR code",
        description:
          "Authenticated by the bearer token, or by the login's `mfaToken` when the workspace requires two-factor. Nothing changes until POST /api/v1/auth/2fa/enable confirms a code.",
        body: setupBody,
        response: { 200: setupResponse, 401: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const who = await enrollee(request, request.body?.mfaToken);
      reply.header("cache-control", "no-store");
      return setupMfa({ deps, workspaceId: who.workspaceId, userId: who.userId });
    },
  );

  r.post(
    "/api/v1/auth/2fa/enable",
    {
      config: limited(10),
      schema: {
        tags,
        summary: "Confirm enrolment with a code: two-factor is on; answers ten recovery codes (shown once)",
        description:
          "The user's other sessions end. With the login's `mfaToken` (enrolment required by the workspace) the answer also starts the session, like a login.",
        body: enableBody,
        response: { 200: enableResponse, 400: errorResponse, 401: errorResponse, 409: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) =>
      withRetryAfter(reply, async () => {
        const who = await enrollee(request, request.body.mfaToken);
        const client = clientOf(request);
        const { recoveryCodes, user } = await enableMfa({
          deps,
          workspaceId: who.workspaceId,
          userId: who.userId,
          code: request.body.code,
          client,
          keepSessionId: who.sessionId,
        });
        const enrolled = { workspaceId: who.workspaceId, userId: who.userId, ip: request.ip };
        await recordAccountEvent(deps, { ...enrolled, action: "auth.2fa.enabled" });
        reply.header("cache-control", "no-store");
        if (!who.viaLogin) return { recoveryCodes };
        const grant = await completeLogin({ deps, user, client });
        await recordAccountEvent(deps, {
          ...enrolled,
          action: "auth.login.succeeded",
          details: { sessionId: grant.sessionId, secondFactor: "totp" },
        });
        return { recoveryCodes, ...deliverGrant(request, reply, grant, request.body.tokenDelivery ?? "cookie", deps.clock.now()) };
      }),
  );
}
