import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Deps } from "../../../deps.ts";
import { authOf } from "../../../http/auth.ts";
import { AppError } from "../../../http/errors.ts";
import { errorResponse } from "../../../http/pagination.ts";
import { auditSource } from "../../audit/request.ts";
import { recordUserCreated } from "../../audit/user-changes.ts";
import { deliverGrant } from "../cookies.ts";
import { clientOf } from "../routes.ts";
import {
  callbackQuery,
  discoverBody,
  discoverResponse,
  ssoSettingsBody,
  ssoSettingsSchema,
  startQuery,
  testDiscoveryBody,
  testDiscoveryResponse,
} from "./schemas.ts";
import {
  CALLBACK_PATH,
  finishSsoLogin,
  getSsoSettings,
  SSO_LOGIN_TTL_MS,
  SsoFailure,
  type SsoSettingsView,
  saveSsoSettings,
  startSsoLogin,
  testDiscovery,
  workspaceForEmail,
} from "./service.ts";

/**
 * Binds a started login to the browser that started it: httpOnly, sent only to the SSO routes, SameSite=Lax because
 * the callback arrives as a top-level navigation from the provider's site (Strict would withhold it).
 */
const SSO_COOKIE = "papo_sso";
const SSO_COOKIE_PATH = "/api/v1/auth/sso";

const tags = ["auth"];
const limited = (max: number) => ({ rateLimit: { max, timeWindow: "1 minute" } });

const toDto = (view: SsoSettingsView, callbackUrl: string) => ({
  ...view,
  callbackUrl,
  updatedAt: view.updatedAt?.toISOString() ?? null,
});

/** Papo's origin as browsers reach it: PUBLIC_URL when set, else the request's own. */
const originOf = (deps: Deps, request: FastifyRequest) =>
  deps.config.publicUrlConfigured ? deps.config.publicUrl : `${request.protocol}://${request.host}`;

const callbackUrlOf = (deps: Deps, request: FastifyRequest) => `${originOf(deps, request)}${CALLBACK_PATH}`;

function setBindingCookie(request: FastifyRequest, reply: FastifyReply, value: string): void {
  reply.setCookie(SSO_COOKIE, value, {
    path: SSO_COOKIE_PATH,
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: SSO_LOGIN_TTL_MS / 1000,
  });
}

/**
 * Single sign-on with the workspace's OpenID Connect provider: discovery by e-mail domain, the start of the
 * authorization code flow (PKCE), and the callback that ends in a Papo session (the same refresh cookie as a password
 * login). Public: each checks what it needs itself.
 */
export async function ssoRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const loginUrl = (request: FastifyRequest, code: string) => `${originOf(deps, request)}/#/login?sso_error=${encodeURIComponent(code)}`;

  const begin = async (request: FastifyRequest, reply: FastifyReply, workspaceId: string, loginHint?: string) => {
    try {
      const started = await startSsoLogin({ deps, workspaceId, redirectUri: callbackUrlOf(deps, request), loginHint });
      setBindingCookie(request, reply, started.browserToken);
      reply.header("cache-control", "no-store");
      return started.redirectUrl;
    } catch (error) {
      if (error instanceof SsoFailure) {
        request.log.warn({ code: error.code, workspaceId, err: error.cause }, "SSO login could not start");
        throw new AppError({
          code: error.code,
          status: 502,
          message: "The identity provider could not be reached: try again, or ask an administrator",
        });
      }
      throw error;
    }
  };

  r.post(
    "/api/v1/auth/sso/discover",
    {
      config: limited(10),
      schema: {
        tags,
        summary: "Single sign-on by e-mail: the identity provider's URL to send the browser to",
        description:
          "When the e-mail's domain signs in through a workspace's identity provider, starts an authorization code flow (PKCE S256; state and nonce kept server-side for 10 minutes, single use, bound to this browser by an httpOnly cookie) and answers the provider's URL. Otherwise 404 `auth.sso_not_configured` — the same for every e-mail of the domain, existing or not.",
        body: discoverBody,
        response: { 200: discoverResponse, 404: errorResponse, 429: errorResponse, 502: errorResponse },
      },
    },
    async (request, reply) => {
      const workspaceId = await workspaceForEmail({ deps, email: request.body.email });
      return { redirectUrl: await begin(request, reply, workspaceId, request.body.email) };
    },
  );

  r.get(
    "/api/v1/auth/sso/start",
    {
      config: limited(10),
      schema: {
        tags,
        summary: "Single sign-on by link: redirects (302) to the workspace's identity provider",
        description:
          "For a bookmark or a link on an intranet. Without SSO in that workspace it redirects to the console's login with `sso_error=auth.sso_not_configured`.",
        querystring: startQuery,
      },
    },
    async (request, reply) => {
      try {
        return reply.redirect(await begin(request, reply, request.query.workspace), 302);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return reply.redirect(loginUrl(request, error.code), 302);
      }
    },
  );

  r.get(
    "/api/v1/auth/sso/callback",
    {
      config: limited(30),
      schema: {
        tags,
        summary: "The redirect URI registered at the identity provider: ends the login and redirects (302) to the console",
        description:
          "Checks the state (once, same browser, within 10 minutes), exchanges the code with the PKCE verifier, validates the ID token (signature, issuer, audience, expiry, nonce), requires a verified e-mail of an allowed domain, finds the workspace's user (or creates one with just-in-time provisioning), refuses deactivated users, then sets the refresh cookie exactly like a password login and redirects to `/`, where the console resumes the session. Papo's own two-factor is not asked: the provider owns MFA. On failure: a redirect to `/#/login?sso_error=<code>`.",
        querystring: callbackQuery,
      },
    },
    async (request, reply) => {
      const browserToken = request.cookies[SSO_COOKIE] || undefined;
      reply.clearCookie(SSO_COOKIE, { path: SSO_COOKIE_PATH, httpOnly: true, sameSite: "lax", secure: request.protocol === "https" });
      reply.header("cache-control", "no-store");
      const queryAt = request.url.indexOf("?");
      const callbackUrl = new URL(`${callbackUrlOf(deps, request)}${queryAt >= 0 ? request.url.slice(queryAt) : ""}`);
      try {
        const { grant, user, provisioned } = await finishSsoLogin({
          deps,
          query: request.query,
          callbackUrl,
          browserToken,
          client: clientOf(request),
        });
        if (provisioned)
          await recordUserCreated({
            audit: deps.audit,
            source: { workspaceId: user.workspaceId, actor: { type: "system", id: "sso" }, ip: request.ip },
            user,
          });
        await deps.audit.record({
          workspaceId: user.workspaceId,
          actor: { type: "user", id: user.id },
          action: "auth.sso.succeeded",
          target: { type: "user", id: user.id },
          details: { sessionId: grant.sessionId, provisioned },
          ip: request.ip,
        });
        deliverGrant(request, reply, grant, "cookie", deps.clock.now());
        return reply.redirect(`${originOf(deps, request)}/`, 302);
      } catch (error) {
        const failure = error instanceof SsoFailure ? error : new SsoFailure("sso.failed", { cause: error });
        const cause = failure.cause instanceof Error ? failure.cause.message : undefined;
        if (failure.code === "sso.failed") request.log.error({ err: error }, "SSO callback failed");
        else request.log.warn({ code: failure.code, workspaceId: failure.workspaceId, cause }, "SSO login refused");
        if (failure.workspaceId) {
          await deps.audit
            .record({
              workspaceId: failure.workspaceId,
              actor: { type: "anonymous", id: null },
              action: "auth.sso.failed",
              ...(failure.userId ? { target: { type: "user" as const, id: failure.userId } } : {}),
              details: { reason: failure.code, ...(cause ? { detail: cause.slice(0, 300) } : {}) },
              ...(failure.email ? { personal: { email: failure.email } } : {}),
              ip: request.ip,
            })
            .catch((auditError: unknown) => request.log.warn({ err: auditError }, "a refused SSO login could not be recorded"));
        }
        return reply.redirect(loginUrl(request, failure.code), 302);
      }
    },
  );
}

/** The workspace's SSO configuration (administrators: `settings.manage`). Registered in the bearer scope. */
export async function ssoAdminRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const wsTags = ["workspace"];

  r.get(
    "/api/v1/workspace/sso",
    {
      schema: {
        tags: wsTags,
        summary: "The workspace's single sign-on (OpenID Connect) configuration; the client secret is never returned",
        response: { 200: ssoSettingsSchema },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return toDto(await getSsoSettings({ deps, ctx: authOf(request) }), callbackUrlOf(deps, request));
    },
  );

  r.put(
    "/api/v1/workspace/sso",
    {
      schema: {
        tags: wsTags,
        summary: "Configure single sign-on: provider, client, e-mail domains, role mapping, provisioning, SSO required",
        description:
          "`clientSecret` is write-only: required the first time, omitted to keep the stored one. Register `callbackUrl` (GET) as the redirect URI at the provider. Errors name the field: `sso.client_secret_required`, `sso.domains_required`, `sso.domain_taken` (another workspace signs that domain in), `request.invalid`.",
        body: ssoSettingsBody,
        response: { 200: ssoSettingsSchema, 400: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      const { view, changed } = await saveSsoSettings({ deps, ctx, input: request.body });
      if (changed.length > 0)
        await deps.audit.record({
          ...auditSource(request),
          action: "settings.changed",
          target: { type: "workspace", id: ctx.workspaceId },
          details: { setting: "sso", fields: changed, enabled: view.enabled, ssoRequired: view.ssoRequired },
        });
      reply.header("cache-control", "no-store");
      return toDto(view, callbackUrlOf(deps, request));
    },
  );

  r.post(
    "/api/v1/workspace/sso/test-discovery",
    {
      schema: {
        tags: wsTags,
        summary: "Test discovery: read the provider's /.well-known/openid-configuration and show the endpoints Papo will use",
        description:
          "`issuer` in the body tries that one (before saving); without it, the stored one. A failure is 400 `sso.discovery_failed` saying why.",
        body: testDiscoveryBody,
        response: { 200: testDiscoveryResponse, 400: errorResponse },
      },
    },
    async (request) => testDiscovery({ deps, ctx: authOf(request), issuer: request.body?.issuer }),
  );
}
