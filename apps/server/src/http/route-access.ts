import type { FastifyInstance, FastifyRequest, HTTPMethods, RouteOptions } from "fastify";
import { loadAccess } from "../modules/access/load-access.ts";
import type { Permission } from "../modules/access/permissions.ts";
import { can } from "../modules/access/scope.ts";
import { type AuthCheckDeps, authenticateBearer } from "./auth.ts";
import { AppError } from "./errors.ts";

/**
 * Who may call a route. `public`: no bearer token (the route checks whatever it needs itself, like the webhook's
 * signature or the stream's token). `user`: a valid bearer token, and the permission when one is named.
 */
export type RouteAccess = { auth: "public" } | { auth: "user"; permission?: Permission };

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteKey = `${Method} /${string}`;

const PUBLIC: RouteAccess = { auth: "public" };
const USER: RouteAccess = { auth: "user" };
const needs = (permission: Permission): RouteAccess => ({ auth: "user", permission });

/**
 * Every route of the application, exactly as Fastify registers it. A route missing here stops the application at start
 * (fail closed); `route-matrix.test.ts` walks every one of them with every role, no token, bad tokens and another
 * workspace's ids. Reaching a conversation (and its messages, media, contact) is further limited by the caller's
 * scope, in the handlers (`modules/access/scope.ts`).
 */
export const ROUTE_ACCESS = {
  // Process and Meta
  "GET /healthz": PUBLIC,
  "GET /readyz": PUBLIC,
  "GET /webhook": PUBLIC,
  "POST /webhook": PUBLIC,
  "GET /api/openapi.json": PUBLIC,
  // Sign-in. The stream takes its token in the query (browsers cannot set headers on a WebSocket) and checks it itself.
  "POST /api/v1/auth/login": PUBLIC,
  "GET /api/v1/stream": PUBLIC,
  "GET /api/v1/auth/me": USER,
  // Sessions and two-factor. These public routes check their own credential: refresh and logout a refresh token (or,
  // for logout, the bearer token); 2fa/verify the login's mfaToken; 2fa/setup and 2fa/enable the bearer token or the
  // mfaToken of a login that must enrol first.
  "POST /api/v1/auth/refresh": PUBLIC,
  "POST /api/v1/auth/logout": PUBLIC,
  "POST /api/v1/auth/2fa/verify": PUBLIC,
  "POST /api/v1/auth/2fa/setup": PUBLIC,
  "POST /api/v1/auth/2fa/enable": PUBLIC,
  "POST /api/v1/auth/logout-all": USER,
  "GET /api/v1/auth/sessions": USER,
  "DELETE /api/v1/auth/sessions/:id": USER,
  "POST /api/v1/auth/password": USER,
  "GET /api/v1/auth/2fa": USER,
  "POST /api/v1/auth/2fa/disable": USER,
  "GET /api/v1/workspace/security": needs("settings.manage"),
  "PATCH /api/v1/workspace/security": needs("settings.manage"),
  // Single sign-on (OIDC). Discover, start and callback are the login itself: rate-limited, and the callback checks
  // its single-use state bound to the browser that started it.
  "POST /api/v1/auth/sso/discover": PUBLIC,
  "GET /api/v1/auth/sso/start": PUBLIC,
  "GET /api/v1/auth/sso/callback": PUBLIC,
  "GET /api/v1/workspace/sso": needs("settings.manage"),
  "PUT /api/v1/workspace/sso": needs("settings.manage"),
  "POST /api/v1/workspace/sso/test-discovery": needs("settings.manage"),
  "GET /api/v1/workspace/consent": needs("settings.manage"),
  "PUT /api/v1/workspace/consent": needs("settings.manage"),
  // Embedded in a CRM: the CRM-signed token is the login's credential, the embed cookie the refresh's; the frame
  // origins and the /embed page (its frame-ancestors) are public by nature.
  "POST /api/v1/auth/embed": PUBLIC,
  "POST /api/v1/auth/embed/refresh": PUBLIC,
  "GET /api/v1/auth/embed/frame": PUBLIC,
  "GET /embed": PUBLIC,
  "GET /api/v1/workspace/embed": needs("settings.manage"),
  "PUT /api/v1/workspace/embed": needs("settings.manage"),
  // People
  "GET /api/v1/users": USER,
  "POST /api/v1/users": needs("users.manage"),
  "PATCH /api/v1/users/:id": needs("users.manage"),
  // WhatsApp numbers
  "GET /api/v1/channels": USER,
  "POST /api/v1/channels": needs("channels.manage"),
  "GET /api/v1/channels/:id": USER,
  "PATCH /api/v1/channels/:id": needs("channels.manage"),
  "DELETE /api/v1/channels/:id": needs("channels.manage"),
  "GET /api/v1/channels/:id/templates": USER,
  "POST /api/v1/channels/:id/health-check": needs("channels.check"),
  // Message templates (modules/templates): every composer's picker lists them; syncing, creating and deleting manage them
  "GET /api/v1/templates": USER,
  "GET /api/v1/templates/:id": USER,
  "POST /api/v1/templates/sync": needs("templates.manage"),
  "POST /api/v1/templates": needs("templates.manage"),
  "DELETE /api/v1/templates/:id": needs("templates.manage"),
  "GET /api/v1/channels/:id/members": needs("channels.manage"),
  "PUT /api/v1/channels/:id/members": needs("channels.manage"),
  // Conversations and what they hold (further limited to the caller's scope)
  "GET /api/v1/conversations": USER,
  "GET /api/v1/conversations/:id": USER,
  "PATCH /api/v1/conversations/:id": USER,
  "GET /api/v1/conversations/:id/messages": USER,
  "POST /api/v1/conversations/:id/messages": USER,
  "GET /api/v1/messages/:id": USER,
  "POST /api/v1/media": USER,
  "GET /api/v1/media/:id": USER,
  "GET /api/v1/contacts": USER,
  "POST /api/v1/contacts": USER,
  "GET /api/v1/contacts/:id": USER,
  "PATCH /api/v1/contacts/:id": USER,
  "GET /api/v1/contacts/:id/notes": USER,
  "POST /api/v1/contacts/:id/notes": USER,
  "DELETE /api/v1/contacts/:id/notes/:noteId": USER,
  // Search through blind indexes, limited to the caller's conversation scope like the lists it searches
  "GET /api/v1/search": USER,
  // Data-subject requests (LGPD; further limited to the caller's scope) and the retention policy
  "GET /api/v1/contacts/:id/export": needs("data.export"),
  "POST /api/v1/contacts/:id/erase": needs("data.erase"),
  "GET /api/v1/workspace/retention": needs("settings.manage"),
  "PUT /api/v1/workspace/retention": needs("settings.manage"),
  "GET /api/v1/workspace/retention/preview": needs("settings.manage"),
  "GET /api/v1/contacts/:id/consents": USER,
  "POST /api/v1/contacts/:id/consents": USER,
  // Shared team content
  "GET /api/v1/canned-responses": USER,
  "POST /api/v1/canned-responses": needs("canned_responses.manage"),
  "PATCH /api/v1/canned-responses/:id": needs("canned_responses.manage"),
  "DELETE /api/v1/canned-responses/:id": needs("canned_responses.manage"),
  // The audit log (read, export, verify; nobody writes it through the API)
  "GET /api/v1/audit-events": needs("audit.view"),
  "GET /api/v1/audit-events/export": needs("audit.view"),
  "GET /api/v1/audit-events/verify": needs("audit.view"),
  // AI settings and copilot status (modules/copilot): anyone may ask what the copilot can do; the provider, its key,
  // the feature switches, the budget and its usage are settings
  "GET /api/v1/copilot/status": USER,
  "GET /api/v1/workspace/ai": needs("settings.manage"),
  "PUT /api/v1/workspace/ai": needs("settings.manage"),
  "POST /api/v1/workspace/ai/test": needs("settings.manage"),
  "GET /api/v1/workspace/ai/usage": needs("settings.manage"),
  // Agent assist (modules/assist): conversation and message routes are further limited to the caller's scope; drafts
  // (rewrite, translate) are the caller's own text
  "POST /api/v1/conversations/:id/suggestions": USER,
  "POST /api/v1/conversations/:id/summary": USER,
  "POST /api/v1/copilot/rewrite": USER,
  "POST /api/v1/copilot/translate": USER,
  "GET /api/v1/messages/:id/translation": USER,
  "GET /api/v1/canned-responses/proposals": needs("canned_responses.manage"),
  // Knowledge base (modules/knowledge-base): the business's FAQ, read by anyone (the agents' suggestions cite it),
  // changed by those who manage it; "try a question" also shows canned responses and past agent answers of the workspace
  "GET /api/v1/knowledge-base/articles": USER,
  "POST /api/v1/knowledge-base/articles": needs("knowledge_base.manage"),
  "GET /api/v1/knowledge-base/articles/:id": USER,
  "PATCH /api/v1/knowledge-base/articles/:id": needs("knowledge_base.manage"),
  "DELETE /api/v1/knowledge-base/articles/:id": needs("knowledge_base.manage"),
  "POST /api/v1/knowledge-base/import": needs("knowledge_base.manage"),
  "POST /api/v1/knowledge-base/search": needs("knowledge_base.manage"),
  // Hybrid bot (modules/bot): its rules per number; handoff, hand-back and history are limited to the caller's
  // conversation scope like the other conversation routes
  "GET /api/v1/channels/:id/bot": USER,
  "PUT /api/v1/channels/:id/bot": needs("channels.manage"),
  "POST /api/v1/conversations/:id/handoff": USER,
  "POST /api/v1/conversations/:id/bot": USER,
  "GET /api/v1/conversations/:id/handoffs": USER,
  // Encryption at rest: deployment-wide status of the master keys and their rotation (read-only)
  "GET /api/v1/security/encryption": needs("settings.manage"),
  // Workspace name and time zone: everyone reads them (dates are shown in the zone), administrators change them
  "GET /api/v1/workspace/settings": USER,
  "PATCH /api/v1/workspace/settings": needs("settings.manage"),
  // Scheduled messages, follow-ups and reminders (modules/scheduling): limited to the caller's conversation scope
  "POST /api/v1/conversations/:id/scheduled-messages": USER,
  "GET /api/v1/conversations/:id/scheduled-messages": USER,
  "GET /api/v1/scheduled-messages": USER,
  "PATCH /api/v1/scheduled-messages/:id": USER,
  "DELETE /api/v1/scheduled-messages/:id": USER,
  // Integration aliases: they reach the whole workspace (any number, every inbound message)
  "POST /send-message": needs("conversations.see_all"),
  "GET /receive-message": needs("conversations.see_all"),
  // Campaigns (modules/campaigns): drafts, audience, estimate and lifecycle; the price table is read by those who run
  // campaigns and changed by those who manage templates
  "GET /api/v1/campaigns": needs("campaigns.manage"),
  "POST /api/v1/campaigns": needs("campaigns.manage"),
  "GET /api/v1/campaigns/:id": needs("campaigns.manage"),
  "PATCH /api/v1/campaigns/:id": needs("campaigns.manage"),
  "DELETE /api/v1/campaigns/:id": needs("campaigns.manage"),
  "POST /api/v1/campaigns/:id/audience/csv": needs("campaigns.manage"),
  "POST /api/v1/campaigns/:id/estimate": needs("campaigns.manage"),
  "POST /api/v1/campaigns/:id/launch": needs("campaigns.manage"),
  "POST /api/v1/campaigns/:id/pause": needs("campaigns.manage"),
  "POST /api/v1/campaigns/:id/resume": needs("campaigns.manage"),
  "POST /api/v1/campaigns/:id/cancel": needs("campaigns.manage"),
  "GET /api/v1/pricing-rates": needs("campaigns.manage"),
  "PUT /api/v1/pricing-rates": needs("templates.manage"),
  // Campaign results (modules/campaigns/report-routes.ts)
  "GET /api/v1/campaigns/:id/report": needs("campaigns.manage"),
  "GET /api/v1/campaigns/:id/recipients": needs("campaigns.manage"),
  "GET /api/v1/campaigns/:id/report.csv": needs("campaigns.manage"),
  // Reports (modules/reports): agents see their own volume, speed, agent row and the conversations behind them (the
  // handlers pin them to themselves, modules/reports/access.ts); the workspace-wide reports need reports.view
  "GET /api/v1/reports/overview": needs("reports.view"),
  "GET /api/v1/reports/volume": USER,
  "GET /api/v1/reports/speed": USER,
  "GET /api/v1/reports/agents": USER,
  "GET /api/v1/reports/teams": needs("reports.view"),
  "GET /api/v1/reports/bot": needs("reports.view"),
  "GET /api/v1/reports/quality": needs("reports.view"),
  "GET /api/v1/reports/delivery": needs("reports.view"),
  "GET /api/v1/reports/cost": needs("reports.view"),
  "GET /api/v1/reports/conversations": USER,
  // Teams (modules/teams): everyone reads them (report filters), those who manage people change them
  "GET /api/v1/teams": USER,
  "POST /api/v1/teams": needs("users.manage"),
  "PATCH /api/v1/teams/:id": needs("users.manage"),
  "DELETE /api/v1/teams/:id": needs("users.manage"),
  // Satisfaction scores (modules/csat): recorded by those who see every conversation (a CRM's integration user, a
  // supervisor) — an agent could otherwise rate their own service; read within the caller's conversation scope
  "POST /api/v1/conversations/:id/csat": needs("conversations.see_all"),
  "GET /api/v1/conversations/:id/csat": USER,
} satisfies Record<RouteKey, RouteAccess>;

/** Static files that are public by nature: the console's build and Swagger UI, and CORS preflights. */
const STATIC_PUBLIC = [/^(GET|HEAD) \/(\*)?$/, /^(GET|HEAD) \/api\/docs(\/.*)?$/, /^OPTIONS \*$/];

export const isStaticPublic = (key: string): boolean => STATIC_PUBLIC.some((pattern) => pattern.test(key));

/** The table entry of `METHOD url`; a HEAD route (Fastify adds one per GET) shares its GET's entry. */
export function accessOf(table: Readonly<Record<string, RouteAccess>>, method: string, url: string): RouteAccess | undefined {
  const key = `${method} ${url}`;
  if (isStaticPublic(key)) return PUBLIC;
  return table[key] ?? (method === "HEAD" ? table[`GET ${url}`] : undefined);
}

export class UnlistedRouteError extends Error {
  override readonly name = "UnlistedRouteError";
}

const forbidden = (permission: Permission) =>
  new AppError({
    code: "auth.forbidden",
    status: 403,
    message: `This needs the permission ${permission}: ask an administrator`,
    details: { permission },
  });

/**
 * Registers the route table: an `onRoute` hook refuses any route missing from `table` (the application does not start),
 * and each `user` route gets a guard, run after the bearer check and before validation: it authenticates the caller if
 * the route's scope has not (401 without a valid token, whatever registered the route), makes sure `request.auth`
 * carries the effective permissions (role defaults ∪ grants, from the database now) and answers 403 `auth.forbidden`
 * without the route's permission. Call before registering any route.
 */
export function registerRouteAccess(
  app: FastifyInstance,
  deps: AuthCheckDeps,
  table: Readonly<Record<string, RouteAccess>> = ROUTE_ACCESS,
): void {
  app.addHook("onRoute", (route: RouteOptions) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]) as HTTPMethods[];
    const entries = methods.map((method) => {
      const access = accessOf(table, method, route.url);
      if (!access)
        throw new UnlistedRouteError(
          `Route ${method} ${route.url} is not in the route table: add it to ROUTE_ACCESS in apps/server/src/http/route-access.ts (public, or user with the permission it needs)`,
        );
      return access;
    });
    // A route serving several methods gets the strictest of their entries.
    const access = entries.find((a) => a.auth === "user" && a.permission) ?? entries.find((a) => a.auth === "user") ?? PUBLIC;
    if (access.auth === "public") return;
    const guard = async (request: FastifyRequest) => {
      // Normally done by the bearer hook of the route's scope; a user route registered outside it is authenticated here.
      const ctx = request.auth ?? (await authenticateBearer(request, deps));
      if (ctx.actor.type === "user" && !ctx.actor.permissions) {
        const loaded = await loadAccess(deps.database.db, ctx.workspaceId, ctx.actor.userId);
        if (!loaded)
          throw new AppError({ code: "auth.invalid_token", status: 401, message: "The token is invalid or expired: log in again" });
        request.auth = { ...ctx, actor: { ...ctx.actor, role: loaded.role, permissions: loaded.permissions } };
      }
      if (access.permission && !can(request.auth ?? ctx, access.permission)) throw forbidden(access.permission);
    };
    const existing = route.preValidation;
    route.preValidation = [guard, ...(existing ? (Array.isArray(existing) ? existing : [existing]) : [])];
  });
}
