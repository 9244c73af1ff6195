import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { authOf } from "../../../http/auth.ts";
import { AppError } from "../../../http/errors.ts";
import { errorResponse } from "../../../http/pagination.ts";
import { recordAccountEvent } from "../../audit/auth-events.ts";
import { auditSource } from "../../audit/request.ts";
import { clientOf } from "../routes.ts";
import { sessionGrantSchema } from "../schemas.ts";
import { refreshSession } from "../sessions-service.ts";
import { clearEmbedRefreshCookie, embedRefreshCookieOf, setEmbedRefreshCookie } from "./cookies.ts";
import { embedFrameAncestors, readConsoleIndex, withFrameAncestors } from "./page.ts";
import {
  embedGrantSchema,
  embedLoginBody,
  embedSettingsBody,
  embedSettingsPutResponse,
  embedSettingsSchema,
  frameOriginsSchema,
  frameQuery,
} from "./schemas.ts";
import { EmbedLoginRefused, embedLogin, frameOriginsOf, getEmbedSettings, putEmbedSettings } from "./service.ts";

const tags = ["auth"];
const limited = (max: number) => ({ rateLimit: { max, timeWindow: "1 minute" } });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Login from a CRM that embeds the console (public: the CRM-signed token is the credential), the embedded console's
 * refresh, the origins allowed to post tokens to it, and the `/embed` page itself with its workspace's frame-ancestors.
 */
export async function embedRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/v1/auth/embed",
    {
      config: limited(30),
      schema: {
        tags,
        summary: "Log in with a CRM-signed JWT (embedded console): an access token, and the embed refresh cookie",
        description:
          "The token names the workspace (`wid`), is signed with the workspace's shared secret (HS256) or a key of its JWKS (RS256/ES256/EdDSA), and carries `iss`, `aud`, `exp`, `iat` (lifetime at most the workspace's maximum), a single-use `jti`, `sub` (the CRM's user id) and `email`; optional `name` and the role claim. Refusals: `auth.embed_*` (docs/errors.md).",
        body: embedLoginBody,
        response: {
          200: embedGrantSchema,
          401: errorResponse,
          403: errorResponse,
          409: errorResponse,
          429: errorResponse,
          503: errorResponse,
        },
      },
    },
    async (request, reply) => {
      try {
        const result = await embedLogin({ deps, token: request.body.token, client: clientOf(request) });
        const { grant } = result;
        await recordAccountEvent(deps, {
          workspaceId: grant.user.workspaceId,
          userId: grant.user.id,
          action: "auth.embed.succeeded",
          ip: request.ip,
          details: { sessionId: grant.sessionId, userCreated: result.created, roleChanged: result.roleChanged },
        });
        setEmbedRefreshCookie(request, reply, grant, deps.clock.now());
        reply.header("cache-control", "no-store");
        return { token: grant.token, expiresIn: grant.expiresIn, user: grant.user, frameOrigins: result.frameOrigins };
      } catch (error) {
        if (!(error instanceof EmbedLoginRefused)) throw error;
        if (error.workspaceId) {
          // The reason only (the error's code): never the token, nor the claims it carried.
          await deps.audit
            .record({
              workspaceId: error.workspaceId,
              actor: { type: "anonymous", id: null },
              action: "auth.embed.failed",
              ...(error.userId ? { target: { type: "user" as const, id: error.userId } } : {}),
              details: { reason: error.error.code },
              ip: request.ip,
            })
            .catch((failure: unknown) =>
              request.log.warn({ err: failure }, "a refused embed login could not be recorded in the audit log"),
            );
        }
        throw error.error;
      }
    },
  );

  r.post(
    "/api/v1/auth/embed/refresh",
    {
      config: limited(30),
      schema: {
        tags,
        summary: "The embedded console's refresh: a new access token for the embed refresh cookie (rotated)",
        description:
          "Like POST /api/v1/auth/refresh, with the cookie the embed login set (`SameSite=None; Secure; Partitioned` over HTTPS, so it survives in a CRM's iframe). Without it (third-party cookies blocked), the embedded console asks the CRM for a fresh token.",
        response: { 200: sessionGrantSchema, 401: errorResponse },
      },
    },
    async (request, reply) => {
      const refreshToken = embedRefreshCookieOf(request);
      try {
        if (!refreshToken)
          throw new AppError({ code: "auth.invalid_refresh_token", status: 401, message: "No embed refresh cookie: log in again" });
        const grant = await refreshSession({ deps, refreshToken, client: clientOf(request) });
        setEmbedRefreshCookie(request, reply, grant, deps.clock.now());
        reply.header("cache-control", "no-store");
        return { token: grant.token, expiresIn: grant.expiresIn, user: grant.user };
      } catch (error) {
        clearEmbedRefreshCookie(request, reply);
        throw error;
      }
    },
  );

  r.get(
    "/api/v1/auth/embed/frame",
    {
      config: limited(60),
      schema: {
        tags,
        summary: "The CRM origins allowed to frame a workspace's embedded console and post tokens to it (empty when off)",
        querystring: frameQuery,
        response: { 200: frameOriginsSchema },
      },
    },
    async (request) => ({ origins: await frameOriginsOf({ deps, workspaceId: request.query.workspace }) }),
  );

  // The embedded console: the console's index.html with `frame-ancestors` of the workspace in `?workspace=` only.
  r.get(
    "/embed",
    { schema: { hide: true, querystring: z.object({ workspace: z.string().max(100).optional() }) } },
    async (request, reply) => {
      const workspace = request.query.workspace;
      const origins = workspace && UUID.test(workspace) ? await frameOriginsOf({ deps, workspaceId: workspace }) : [];
      const csp = String(reply.getHeader("content-security-policy") ?? "default-src 'self'");
      reply.header("content-security-policy", withFrameAncestors(csp, embedFrameAncestors(origins)));
      // frame-ancestors decides; helmet's X-Frame-Options: DENY (sent when FRAME_ANCESTORS is 'none') would override it.
      reply.removeHeader("x-frame-options");
      reply.header("cache-control", "no-store");
      const html = readConsoleIndex(deps.config.webDistDir);
      if (!html) return reply.code(503).type("text/plain").send("The console is not built: run `npm run build -w @papo/web`.");
      return reply.type("text/html; charset=utf-8").send(html);
    },
  );
}

/** `GET/PUT /api/v1/workspace/embed` (settings.manage), inside the bearer scope. */
export async function embedSettingsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/workspace/embed",
    {
      schema: {
        tags: ["workspace"],
        summary: "The workspace's CRM embedding: token verification, role mapping, allowed CRM origins (never the secret)",
        response: { 200: embedSettingsSchema },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return getEmbedSettings({ deps, workspaceId: authOf(request).workspaceId });
    },
  );
  r.put(
    "/api/v1/workspace/embed",
    {
      schema: {
        tags: ["workspace"],
        summary: "Replace the workspace's CRM embedding settings",
        description:
          "The shared secret is write-only: send `secret` (at least 32 bytes) or `generateSecret: true` (the answer's `generatedSecret`, shown once); omit both to keep it. Enabled settings must be usable: `embed.secret_required`, `embed.jwks_url_required`.",
        body: embedSettingsBody,
        response: { 200: embedSettingsPutResponse, 400: errorResponse },
      },
    },
    async (request, reply) => {
      const source = auditSource(request);
      const { view, generatedSecret, changed } = await putEmbedSettings({ deps, workspaceId: source.workspaceId, input: request.body });
      if (changed.length > 0)
        await deps.audit.record({
          ...source,
          action: "settings.changed",
          target: { type: "workspace", id: source.workspaceId },
          details: { setting: "embed", fields: changed.sort(), enabled: view.enabled },
        });
      reply.header("cache-control", "no-store");
      return { ...view, ...(generatedSecret ? { generatedSecret } : {}) };
    },
  );
}
