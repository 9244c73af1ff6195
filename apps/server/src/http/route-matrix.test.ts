import { randomBytes, randomUUID } from "node:crypto";
import { decodeJwt, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import type { UserRole } from "../db/schema/users.ts";
import { workspaces } from "../db/schema/workspaces.ts";
import { PERMISSIONS, ROLE_PERMISSIONS } from "../modules/access/permissions.ts";
import { hashPassword } from "../modules/auth/passwords.ts";
import { createUsersRepo } from "../modules/auth/repo.ts";
import { startSession } from "../modules/auth/sessions-service.ts";
import { DEFAULT_CONSENT_SETTINGS } from "../modules/consent/defaults.ts";
import { DATABASE_KINDS, isAvailable } from "../testing/databases.test-utils.ts";
import { ADMIN, eventually, startTestPapo, type TestPapo } from "../testing/papo.test-utils.ts";
import { ROUTE_ACCESS, type RouteAccess, UnlistedRouteError } from "./route-access.ts";

/**
 * The role/route matrix: every operation of the live OpenAPI document, called with no token, with forged and expired
 * tokens, as each role with valid ids of the caller's workspace, and with ids of another workspace. The expected
 * answer comes from the route table (`route-access.ts`): a new route without an entry stops the app, and a new
 * operation without a fixture below fails this suite.
 */

type Role = UserRole;
const ROLES: Role[] = ["admin", "supervisor", "agent"];

/** Routes that are in the table but (deliberately) not in the OpenAPI document. */
const HIDDEN = [
  "GET /healthz",
  "GET /readyz",
  "GET /webhook",
  "POST /webhook",
  "GET /api/openapi.json",
  "GET /api/v1/stream",
  "GET /embed",
];

interface Caller {
  role: Role | "other";
  userId: string;
  email: string;
  password: string;
  token: string;
  sessionId: string;
  refreshToken: string;
}

/** Ids of the caller's workspace, made once before the matrix runs. */
interface World {
  channelId: string;
  conversationId: string;
  contactId: string;
  messageId: string;
  mediaId: string;
  /** A user every role may rename (administrators only, by the table). */
  targetUserId: string;
  agentId: string;
}

interface Fixture {
  /** Path parameters; may create a fresh resource (a delete must not find the previous caller's already gone). */
  params?: (w: World, caller: Caller) => Promise<Record<string, string>> | Record<string, string>;
  query?: string;
  body?: (w: World, caller: Caller) => unknown;
  /** `POST /api/v1/media`: a small PNG as multipart `file`. */
  upload?: true;
  /** Routes that answer with a redirect (SSO): their 302 is the answer, not followed. */
  redirect?: "manual";
  /** Statuses that count as "allowed and answered" for an authorised caller (default: 200, 201, 202, 204). */
  ok?: number[];
  /** Ends or rotates the caller's session: called with a session of its own, after everything else. */
  endsSession?: true;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;
const strongPassword = () => `${randomBytes(12).toString("base64url")}#7q`;

describe.each(DATABASE_KINDS)("route matrix (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let world: World;
  const callers = {} as Record<Role | "other", Caller>;
  let operations: string[] = [];
  let workspaceId: string;

  const request = async (
    method: string,
    path: string,
    {
      token,
      body,
      upload,
      headers = {},
      redirect,
    }: {
      token?: string | undefined;
      body?: unknown;
      upload?: true | undefined;
      headers?: Record<string, string>;
      redirect?: "manual" | undefined;
    } = {},
  ): Promise<{ status: number; body: { error?: { code: string } } & Record<string, unknown> }> => {
    let payload: FormData | string | undefined;
    const sent: Record<string, string> = { ...headers };
    if (upload) {
      const form = new FormData();
      form.append("file", new Blob([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex")], { type: "image/png" }), "pixel.png");
      payload = form;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      sent["content-type"] = "application/json";
    }
    if (token) sent.authorization = `Bearer ${token}`;
    const response = await fetch(`${t.papo.url}${path}`, {
      method,
      headers: sent,
      ...(payload === undefined ? {} : { body: payload }),
      ...(redirect ? { redirect } : {}),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { raw: text };
    }
    return { status: response.status, body: (parsed ?? {}) as { error?: { code: string } } & Record<string, unknown> };
  };
  const asAdmin = (method: string, path: string, body?: unknown) => request(method, path, { token: callers.admin.token, body });

  /** A new session (access + refresh token) for a user, as a login would give, without the login's rate limit. */
  const session = async (workspaceId: string, userId: string) => {
    const user = await createUsersRepo({ db: t.papo.deps.database.db }).get(workspaceId, userId);
    if (!user) throw new Error(`no user ${userId}`);
    return startSession({ deps: t.papo.deps, user, client: { userAgent: "route-matrix", ip: "127.0.0.1" } });
  };
  const callerFor = async (role: Caller["role"], workspaceId: string, userId: string, email: string, password: string): Promise<Caller> => {
    const grant = await session(workspaceId, userId);
    return { role, userId, email, password, token: grant.token, sessionId: grant.sessionId, refreshToken: grant.refreshToken };
  };

  const newCannedResponse = async () => {
    const created = await asAdmin("POST", "/api/v1/canned-responses", { shortcut: `mx${unique()}`, title: "Matriz", body: "Olá!" });
    return created.body.id as string;
  };

  const newTeam = async () => {
    const created = await asAdmin("POST", "/api/v1/teams", { name: `Matriz ${unique()}` });
    return created.body.id as string;
  };

  const newArticle = async () => {
    const created = await asAdmin("POST", "/api/v1/knowledge-base/articles", {
      title: `Matriz ${unique()}`,
      body: "Entregamos em 3 dias.",
    });
    return created.body.id as string;
  };

  const newScheduled = async (w: World) => {
    const created = await asAdmin("POST", `/api/v1/conversations/${w.conversationId}/scheduled-messages`, {
      message: { type: "text", body: "Matriz" },
      afterHours: 1,
    });
    return (created.body.scheduled as { id: string }).id;
  };

  /** A template submitted for review (PENDING) on the matrix's number: a fresh one per caller, for reads and deletes. */
  const newTemplate = async (w: World) => {
    const created = await asAdmin("POST", "/api/v1/templates", {
      channelId: w.channelId,
      name: `mx_${unique()}`,
      category: "UTILITY",
      language: "pt_BR",
      body: { text: "Olá da matriz." },
    });
    return created.body.id as string;
  };

  /** A campaign of the matrix's number with `hello_world` (no variables): a draft, or launched to one CSV recipient. */
  let campaignTemplateId: string | undefined;
  const campaignTemplate = async (w: World) => {
    if (!campaignTemplateId) {
      await asAdmin("POST", "/api/v1/templates/sync", { channelId: w.channelId });
      const list = await asAdmin("GET", `/api/v1/templates?channelId=${w.channelId}`);
      campaignTemplateId = (list.body.data as Array<{ id: string; name: string }>).find((tpl) => tpl.name === "hello_world")?.id;
    }
    return campaignTemplateId;
  };
  const newCampaign = async (w: World, { launch = false, pause = false }: { launch?: boolean; pause?: boolean } = {}) => {
    await campaignTemplate(w);
    const created = await asAdmin("POST", "/api/v1/campaigns", {
      name: `Matriz ${unique()}`,
      channelId: w.channelId,
      templateId: campaignTemplateId,
      mapping: {},
      audience: { kind: "csv" },
    });
    const id = created.body.id as string;
    if (launch || pause) {
      await asAdmin("POST", `/api/v1/campaigns/${id}/audience/csv`, { csv: "phone\n+5511955559999\n" });
      await asAdmin("POST", `/api/v1/campaigns/${id}/launch`);
    }
    if (pause) await asAdmin("POST", `/api/v1/campaigns/${id}/pause`);
    return id;
  };

  /** One entry per operation of the OpenAPI document; a missing one fails the suite. */
  const FIXTURES: Record<string, Fixture> = {
    "POST /api/v1/auth/login": {
      body: (_w, c) => ({ email: c.email, password: c.password }),
    },
    // A made-up mfaToken: the route is public and answers for itself.
    "POST /api/v1/auth/2fa/verify": { body: () => ({ mfaToken: "not-a-token", code: "123456" }), ok: [401] },
    "POST /api/v1/auth/2fa/setup": { body: () => ({}) },
    // No code the authenticator would give: enrolment is refused, and nothing changes.
    "POST /api/v1/auth/2fa/enable": { body: () => ({ code: "000000" }), ok: [400, 409] },
    "POST /api/v1/auth/refresh": { body: (_w, c) => ({ refreshToken: c.refreshToken }), endsSession: true },
    "POST /api/v1/auth/logout": { body: () => ({}), endsSession: true },
    "POST /api/v1/auth/logout-all": { endsSession: true },
    "GET /api/v1/auth/sessions": {},
    "DELETE /api/v1/auth/sessions/:id": { params: (_w, c) => ({ id: c.sessionId }), endsSession: true },
    "POST /api/v1/auth/password": {
      body: (_w, c) => {
        const next = strongPassword();
        const current = c.password;
        c.password = next;
        return { currentPassword: current, newPassword: next };
      },
      endsSession: true,
    },
    "GET /api/v1/auth/2fa": {},
    // Two-factor is off for these users: there is nothing to turn off.
    "POST /api/v1/auth/2fa/disable": { body: (_w, c) => ({ password: c.password, code: "123456" }), ok: [400, 409] },
    "GET /api/v1/auth/me": {},
    "GET /api/v1/workspace/security": {},
    "PATCH /api/v1/workspace/security": { body: () => ({ mfaRequired: false }) },
    // No workspace here has SSO: discovery answers 404, the link and the callback redirect to the login with the error.
    "POST /api/v1/auth/sso/discover": { body: () => ({ email: "pessoa@sem-sso.test" }), ok: [404] },
    "GET /api/v1/auth/sso/start": { query: `?workspace=${randomUUID()}`, redirect: "manual", ok: [302] },
    "GET /api/v1/auth/sso/callback": { query: "?state=made-up&code=made-up", redirect: "manual", ok: [302] },
    "GET /api/v1/workspace/sso": {},
    "PUT /api/v1/workspace/sso": {
      body: () => ({ enabled: false, issuer: "https://idp.matriz.test", clientId: "papo", clientSecret: "segredo", allowedDomains: [] }),
    },
    // Nothing listens there: the test answers why, as a 400 naming the issuer.
    "POST /api/v1/workspace/sso/test-discovery": { body: () => ({ issuer: "http://127.0.0.1:1" }), ok: [400] },
    // A made-up token: the route is public and refuses it itself; without a cookie the embed refresh is refused too.
    "POST /api/v1/auth/embed": { body: () => ({ token: "not-a-token" }), ok: [401] },
    "POST /api/v1/auth/embed/refresh": { ok: [401] },
    "GET /api/v1/auth/embed/frame": { query: `?workspace=${randomUUID()}` },
    "GET /api/v1/workspace/embed": {},
    "PUT /api/v1/workspace/embed": { body: () => ({ enabled: false, verification: "secret", issuer: "https://crm.matriz.test" }) },
    "GET /api/v1/workspace/consent": {},
    "PUT /api/v1/workspace/consent": { body: () => DEFAULT_CONSENT_SETTINGS },
    "GET /api/v1/users": {},
    "POST /api/v1/users": {
      body: () => ({ name: "Pessoa Matriz", email: `matriz-${unique()}@papo.test`, role: "agent", password: strongPassword() }),
    },
    "PATCH /api/v1/users/:id": { params: (w) => ({ id: w.targetUserId }), body: () => ({ name: `Alvo ${unique()}` }) },
    "GET /api/v1/channels": {},
    "POST /api/v1/channels": {
      body: () => ({ name: "Número matriz", phoneNumberId: `9${Date.now()}${counter++}`, wabaId: "123456", accessToken: "EAAmatriz" }),
    },
    "GET /api/v1/channels/:id": { params: (w) => ({ id: w.channelId }) },
    "PATCH /api/v1/channels/:id": { params: (w) => ({ id: w.channelId }), body: () => ({ name: "Sandbox" }) },
    "DELETE /api/v1/channels/:id": {
      params: async () => {
        const created = await asAdmin("POST", "/api/v1/channels", {
          name: "Para apagar",
          phoneNumberId: `8${Date.now()}${counter++}`,
          wabaId: "123456",
          accessToken: "EAAapagar",
        });
        return { id: created.body.id as string };
      },
    },
    "GET /api/v1/channels/:id/templates": { params: (w) => ({ id: w.channelId }) },
    "POST /api/v1/channels/:id/health-check": { params: (w) => ({ id: w.channelId }) },
    "GET /api/v1/channels/:id/members": { params: (w) => ({ id: w.channelId }) },
    // Keeps the agent a member, so the agent's calls below still reach the conversation.
    "PUT /api/v1/channels/:id/members": { params: (w) => ({ id: w.channelId }), body: (w) => ({ userIds: [w.agentId] }) },
    "GET /api/v1/conversations": {},
    "GET /api/v1/conversations/:id": { params: (w) => ({ id: w.conversationId }) },
    "PATCH /api/v1/conversations/:id": { params: (w) => ({ id: w.conversationId }), body: () => ({ status: "open" }) },
    "GET /api/v1/conversations/:id/messages": { params: (w) => ({ id: w.conversationId }) },
    "POST /api/v1/conversations/:id/messages": {
      params: (w) => ({ id: w.conversationId }),
      body: () => ({ type: "text", body: "Resposta da matriz" }),
    },
    "GET /api/v1/messages/:id": { params: (w) => ({ id: w.messageId }) },
    "POST /api/v1/media": { upload: true },
    "GET /api/v1/media/:id": { params: (w) => ({ id: w.mediaId }) },
    "GET /api/v1/contacts": {},
    "POST /api/v1/contacts": { body: () => ({ name: "Contato matriz", waId: `55119${Date.now().toString().slice(-8)}${counter++}` }) },
    "GET /api/v1/contacts/:id": { params: (w) => ({ id: w.contactId }) },
    "PATCH /api/v1/contacts/:id": { params: (w) => ({ id: w.contactId }), body: () => ({ tags: ["matriz"] }) },
    "GET /api/v1/contacts/:id/notes": { params: (w) => ({ id: w.contactId }) },
    "POST /api/v1/contacts/:id/notes": { params: (w) => ({ id: w.contactId }), body: () => ({ body: "Nota da matriz" }) },
    // The caller's own note: its author may always delete it.
    "DELETE /api/v1/contacts/:id/notes/:noteId": {
      params: async (w, c) => {
        const note = await request("POST", `/api/v1/contacts/${w.contactId}/notes`, {
          token: c.role === "other" ? callers.admin.token : c.token,
          body: { body: "Nota para apagar" },
        });
        return { id: w.contactId, noteId: note.body.id as string };
      },
    },
    "GET /api/v1/contacts/:id/consents": { params: (w) => ({ id: w.contactId }) },
    "POST /api/v1/contacts/:id/consents": {
      params: (w) => ({ id: w.contactId }),
      body: () => ({ purpose: "marketing", state: "granted", source: "console" }),
    },
    "GET /api/v1/search": { query: "?q=matriz" },
    "GET /api/v1/contacts/:id/export": { params: (w) => ({ id: w.contactId }) },
    // A contact of its own for each call: an erasure is for good.
    "POST /api/v1/contacts/:id/erase": {
      params: async () => {
        const created = await asAdmin("POST", "/api/v1/contacts", {
          name: "Para apagar",
          waId: `55119${Date.now().toString().slice(-8)}${counter++}`,
        });
        return { id: created.body.id as string };
      },
      body: () => ({ confirm: "APAGAR" }),
    },
    "GET /api/v1/workspace/retention": {},
    "PUT /api/v1/workspace/retention": { body: () => ({ messageDays: null }) },
    "GET /api/v1/workspace/retention/preview": {},
    "GET /api/v1/canned-responses": {},
    "POST /api/v1/canned-responses": { body: () => ({ shortcut: `mx${unique()}`, title: "Matriz", body: "Olá!" }) },
    "PATCH /api/v1/canned-responses/:id": { params: async () => ({ id: await newCannedResponse() }), body: () => ({ title: "Editada" }) },
    "DELETE /api/v1/canned-responses/:id": { params: async () => ({ id: await newCannedResponse() }) },
    // AI settings (modules/copilot): the matrix keeps the built-in engine (a PUT without provider)
    "GET /api/v1/copilot/status": {},
    "GET /api/v1/workspace/ai": {},
    "PUT /api/v1/workspace/ai": { body: () => ({ provider: null }) },
    "POST /api/v1/workspace/ai/test": {},
    "GET /api/v1/workspace/ai/usage": { query: "?month=2026-01" },
    // Agent assist: the built-in engine answers; translation needs a provider, which the matrix does not configure (422).
    "POST /api/v1/conversations/:id/suggestions": { params: (w) => ({ id: w.conversationId }), body: () => ({ max: 1 }) },
    "POST /api/v1/conversations/:id/summary": { params: (w) => ({ id: w.conversationId }) },
    "POST /api/v1/copilot/rewrite": { body: () => ({ text: "obrigado pelo contato", style: "fix" }) },
    "POST /api/v1/copilot/translate": { body: () => ({ text: "Olá, tudo bem?", to: "en", from: "pt" }), ok: [200, 422] },
    "GET /api/v1/messages/:id/translation": { params: (w) => ({ id: w.messageId }), query: "?to=en", ok: [200, 422] },
    "GET /api/v1/canned-responses/proposals": {},
    // Knowledge base and hybrid bot (modules/knowledge-base, modules/bot)
    "GET /api/v1/knowledge-base/articles": { query: "?q=matriz" },
    "POST /api/v1/knowledge-base/articles": { body: () => ({ title: `Matriz ${unique()}`, body: "Entregamos em 3 dias." }) },
    "GET /api/v1/knowledge-base/articles/:id": { params: async () => ({ id: await newArticle() }) },
    "PATCH /api/v1/knowledge-base/articles/:id": { params: async () => ({ id: await newArticle() }), body: () => ({ enabled: false }) },
    "DELETE /api/v1/knowledge-base/articles/:id": { params: async () => ({ id: await newArticle() }) },
    "POST /api/v1/knowledge-base/import": { body: () => ({ format: "markdown", content: "# Prazo de entrega\nEntregamos em 3 dias." }) },
    "POST /api/v1/knowledge-base/search": { body: () => ({ query: "prazo de entrega" }) },
    "GET /api/v1/channels/:id/bot": { params: (w) => ({ id: w.channelId }) },
    "PUT /api/v1/channels/:id/bot": {
      params: (w) => ({ id: w.channelId }),
      body: () => ({
        mode: "off",
        confidenceThreshold: 0.5,
        negativeSentimentThreshold: 0.5,
        humanOnlyTopics: [],
        businessHours: null,
        outsideHoursReply: { pt: "Fora do horário", en: "Outside hours", es: "Fuera de horario" },
        handoffReply: { pt: "Transferindo", en: "Transferring", es: "Transfiriendo" },
      }),
    },
    "POST /api/v1/conversations/:id/handoff": { params: (w) => ({ id: w.conversationId }), body: () => ({ note: "Matriz" }) },
    // The matrix's number has the bot off: handing back answers 409 bot.not_enabled, which still proves access.
    "POST /api/v1/conversations/:id/bot": { params: (w) => ({ id: w.conversationId }), ok: [200, 409] },
    "GET /api/v1/conversations/:id/handoffs": { params: (w) => ({ id: w.conversationId }) },
    // The customer who wrote in: their 24-hour window is open, so a text may go.
    "POST /send-message": { body: () => ({ to: "+5511955550001", text: "Pela integração" }) },
    "GET /receive-message": {},
    "GET /api/v1/audit-events": {},
    "GET /api/v1/audit-events/export": { query: "?format=json" },
    "GET /api/v1/audit-events/verify": {},
    "GET /api/v1/security/encryption": {},
    // Workspace settings and scheduled messages (modules/workspaces, modules/scheduling)
    "GET /api/v1/workspace/settings": {},
    "PATCH /api/v1/workspace/settings": { body: () => ({ timeZone: "America/Sao_Paulo" }) },
    "POST /api/v1/conversations/:id/scheduled-messages": {
      params: (w) => ({ id: w.conversationId }),
      body: () => ({ kind: "reminder", note: "Matriz", afterHours: 1 }),
    },
    "GET /api/v1/conversations/:id/scheduled-messages": { params: (w) => ({ id: w.conversationId }) },
    "GET /api/v1/scheduled-messages": { query: "?status=scheduled&mine=true" },
    "PATCH /api/v1/scheduled-messages/:id": { params: async (w) => ({ id: await newScheduled(w) }), body: () => ({ afterHours: 2 }) },
    "DELETE /api/v1/scheduled-messages/:id": { params: async (w) => ({ id: await newScheduled(w) }) },
    // Campaigns and the price table (modules/campaigns). A one-recipient campaign may finish before it is paused or
    // resumed: 409 campaigns.invalid_transition then still proves access.
    // Message templates (modules/templates)
    "GET /api/v1/templates": {},
    "GET /api/v1/templates/:id": { params: async (w) => ({ id: await newTemplate(w) }) },
    "POST /api/v1/templates/sync": { body: (w) => ({ channelId: w.channelId }) },
    "POST /api/v1/templates": {
      body: (w) => ({
        channelId: w.channelId,
        name: `mx_${unique()}`,
        category: "UTILITY",
        language: "pt_BR",
        body: { text: "Olá da matriz." },
      }),
    },
    "DELETE /api/v1/templates/:id": { params: async (w) => ({ id: await newTemplate(w) }) },
    "GET /api/v1/campaigns": { query: "?status=draft" },
    "POST /api/v1/campaigns": {
      // No path parameter: this only makes sure the template is synced before the body names it.
      params: async (w) => {
        await campaignTemplate(w);
        return {};
      },
      body: (w) => ({
        name: `Matriz ${unique()}`,
        channelId: w.channelId,
        templateId: campaignTemplateId,
        mapping: {},
        audience: { kind: "filter" },
      }),
    },
    "GET /api/v1/campaigns/:id": { params: async (w) => ({ id: await newCampaign(w) }) },
    "PATCH /api/v1/campaigns/:id": { params: async (w) => ({ id: await newCampaign(w) }), body: () => ({ name: "Matriz editada" }) },
    "DELETE /api/v1/campaigns/:id": { params: async (w) => ({ id: await newCampaign(w) }) },
    "POST /api/v1/campaigns/:id/audience/csv": {
      params: async (w) => ({ id: await newCampaign(w) }),
      body: () => ({ csv: "phone\n+5511955559998\n" }),
    },
    "POST /api/v1/campaigns/:id/estimate": { params: async (w) => ({ id: await newCampaign(w) }) },
    "POST /api/v1/campaigns/:id/launch": {
      params: async (w) => {
        const id = await newCampaign(w);
        await asAdmin("POST", `/api/v1/campaigns/${id}/audience/csv`, { csv: "phone\n+5511955559997\n" });
        return { id };
      },
    },
    "POST /api/v1/campaigns/:id/pause": { params: async (w) => ({ id: await newCampaign(w, { launch: true }) }), ok: [200, 409] },
    "POST /api/v1/campaigns/:id/resume": { params: async (w) => ({ id: await newCampaign(w, { pause: true }) }), ok: [200, 409] },
    "POST /api/v1/campaigns/:id/cancel": { params: async (w) => ({ id: await newCampaign(w) }) },
    // Campaign results (modules/campaigns/report-routes.ts).
    "GET /api/v1/campaigns/:id/report": { params: async (w) => ({ id: await newCampaign(w, { launch: true }) }) },
    "GET /api/v1/campaigns/:id/recipients": {
      params: async (w) => ({ id: await newCampaign(w, { launch: true }) }),
      query: "?status=queued",
    },
    "GET /api/v1/campaigns/:id/report.csv": { params: async (w) => ({ id: await newCampaign(w) }) },
    "GET /api/v1/pricing-rates": {},
    "PUT /api/v1/pricing-rates": { body: () => ({ rates: [] }) },
    // Teams and satisfaction scores (modules/teams, modules/csat)
    "GET /api/v1/teams": {},
    "POST /api/v1/teams": { body: () => ({ name: `Matriz ${unique()}` }) },
    "PATCH /api/v1/teams/:id": { params: async () => ({ id: await newTeam() }), body: () => ({ name: `Matriz ${unique()}` }) },
    "DELETE /api/v1/teams/:id": { params: async () => ({ id: await newTeam() }) },
    "POST /api/v1/conversations/:id/csat": { params: (w) => ({ id: w.conversationId }), body: () => ({ score: 4, comment: "Matriz" }) },
    "GET /api/v1/conversations/:id/csat": { params: (w) => ({ id: w.conversationId }) },
    // Reports (modules/reports): the default range (the last 30 days); the drill-down needs its metric.
    "GET /api/v1/reports/overview": {},
    "GET /api/v1/reports/volume": {},
    "GET /api/v1/reports/speed": { query: "?businessHours=true" },
    "GET /api/v1/reports/agents": {},
    "GET /api/v1/reports/teams": {},
    "GET /api/v1/reports/bot": {},
    "GET /api/v1/reports/quality": {},
    "GET /api/v1/reports/delivery": {},
    "GET /api/v1/reports/cost": { query: "?format=csv" },
    "GET /api/v1/reports/conversations": { query: "?metric=opened" },
  };

  const accessOf = (operation: string): RouteAccess => {
    const access = (ROUTE_ACCESS as Record<string, RouteAccess>)[operation];
    if (!access) throw new Error(`${operation} is not in the route table`);
    return access;
  };
  const fixtureOf = (operation: string): Fixture => {
    const fixture = FIXTURES[operation];
    if (!fixture) throw new Error(`${operation} has no fixture in route-matrix.test.ts: add one (valid params and a minimal valid body)`);
    return fixture;
  };
  const hasParams = (operation: string) => operation.includes("/:");
  const split = (operation: string) => {
    const [method, path] = operation.split(" ") as [string, string];
    return { method, path };
  };
  const call = async (operation: string, caller: Caller | undefined, token: string | undefined) => {
    const fixture = fixtureOf(operation);
    const { method, path } = split(operation);
    const params = caller && fixture.params ? await fixture.params(world, caller) : {};
    const url = path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? randomUUID()) + (fixture.query ?? "");
    const body = caller && fixture.body ? fixture.body(world, caller) : method === "GET" || method === "DELETE" ? undefined : {};
    return request(method, url, { token, body, upload: fixture.upload, redirect: fixture.redirect });
  };

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    const db = t.papo.deps.database.db;
    const me = await t.api<{ id: string; workspaceId: string }>("GET", "/api/v1/auth/me");
    const ws = me.body.workspaceId;
    workspaceId = ws;
    callers.admin = await callerFor("admin", ws, me.body.id, ADMIN.email, ADMIN.password);
    for (const role of ["supervisor", "agent"] as const) {
      const password = strongPassword();
      const email = `${role}-${unique()}@papo.test`;
      const created = await asAdmin("POST", "/api/v1/users", { name: `Matriz ${role}`, email, role, password });
      if (created.status !== 201) throw new Error(`could not create the ${role}: ${JSON.stringify(created.body)}`);
      callers[role] = await callerFor(role, ws, created.body.id as string, email, password);
    }
    const target = await asAdmin("POST", "/api/v1/users", {
      name: "Alvo",
      email: `alvo-${unique()}@papo.test`,
      role: "agent",
      password: strongPassword(),
    });

    // Another workspace, whose administrator has every permission: only the workspace can make its answers 404.
    const otherWs = randomUUID();
    await db.insert(workspaces).values({ id: otherWs, name: "Outra empresa" });
    const otherPassword = strongPassword();
    const other = await createUsersRepo({ db }).insert({
      id: randomUUID(),
      workspaceId: otherWs,
      name: "Outro admin",
      email: `outro-${unique()}@outra.test`,
      passwordHash: await hashPassword(otherPassword),
      role: "admin",
    });
    callers.other = await callerFor("other", otherWs, other.id, other.email, otherPassword);

    const channelId = t.papo.sandbox?.channel.id;
    if (!channelId) throw new Error("no sandbox channel");
    const members = await asAdmin("PUT", `/api/v1/channels/${channelId}/members`, { userIds: [callers.agent.userId] });
    if (members.status !== 200) throw new Error(`could not add the agent to the number: ${JSON.stringify(members.body)}`);

    t.sim.sendAsCustomer({ from: "5511955550001", name: "Cliente Matriz", type: "text", text: "Olá, matriz" });
    const conversation = await eventually(async () => {
      const list = await asAdmin("GET", "/api/v1/conversations");
      return (list.body.data as Array<{ id: string; contactId: string }> | undefined)?.[0];
    }, "the customer's conversation");
    const messages = await asAdmin("GET", `/api/v1/conversations/${conversation.id}/messages`);
    const message = (messages.body.data as Array<{ id: string }>)[0];
    const media = await request("POST", "/api/v1/media", { token: callers.admin.token, upload: true });
    if (!message || media.status !== 201) throw new Error(`fixtures incomplete: ${JSON.stringify(media.body)}`);
    world = {
      channelId,
      conversationId: conversation.id,
      contactId: conversation.contactId,
      messageId: message.id,
      mediaId: media.body.id as string,
      targetUserId: target.body.id as string,
      agentId: callers.agent.userId,
    };

    const doc = (await request("GET", "/api/openapi.json")).body as { paths: Record<string, Record<string, unknown>> };
    const methods = new Set(["get", "post", "put", "patch", "delete"]);
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => methods.has(m))
        .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
    );
  }, 120_000);
  afterAll(async () => t?.close());

  run("every OpenAPI operation is in the route table and has a fixture; every table entry is a registered route", () => {
    expect(operations.length).toBeGreaterThan(30);
    const table = Object.keys(ROUTE_ACCESS);
    expect(operations.filter((op) => !table.includes(op))).toEqual([]);
    expect(table.filter((key) => !operations.includes(key)).sort()).toEqual([...HIDDEN].sort());
    for (const key of table) {
      const { method, path } = split(key);
      expect(t.papo.app.hasRoute({ method: method as "GET", url: path }), `${key} is in the table but not registered`).toBe(true);
    }
    expect(operations.filter((op) => !FIXTURES[op])).toEqual([]);
    expect(Object.keys(FIXTURES).filter((op) => !operations.includes(op))).toEqual([]);
    // Every permission a route names exists (the type says so too) and the table names no unknown one.
    for (const access of Object.values(ROUTE_ACCESS) as RouteAccess[])
      if (access.auth === "user" && access.permission) expect(PERMISSIONS).toContain(access.permission);
  });

  run("a route missing from the table stops the application from starting", async () => {
    const app = await buildApp(t.papo.deps);
    try {
      const failure = (async () => {
        app.get("/api/v1/not-in-the-table", async () => ({ ok: true }));
        await app.ready();
      })();
      await expect(failure).rejects.toThrow(UnlistedRouteError);
      await expect(failure).rejects.toThrow(/GET \/api\/v1\/not-in-the-table is not in the route table/);
    } finally {
      await app.close().catch(() => {});
    }
  });

  run("without a token, every operation but the public ones answers 401 auth.missing_token", async () => {
    for (const operation of operations) {
      const access = accessOf(operation);
      const answer = await call(operation, access.auth === "public" ? callers.admin : undefined, undefined);
      if (access.auth === "public") expect(answer.status, operation).toBeLessThan(500);
      else expect([operation, answer.status, answer.body.error?.code]).toEqual([operation, 401, "auth.missing_token"]);
    }
  });

  run(
    "with a token signed by another key, with alg none, or expired, every non-public operation answers 401",
    async () => {
      const claims = decodeJwt(callers.admin.token);
      const now = Math.floor(Date.now() / 1000);
      const { iat: _iat, exp: _exp, ...rest } = claims;
      const forged = await new SignJWT(rest)
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(randomBytes(32));
      const unsigned = new UnsecuredJWT(rest).setIssuedAt().setExpirationTime("1h").encode();
      // The server's own key: everything right but the expiry.
      const expired = await new SignJWT(rest)
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuedAt(now - 7200)
        .setExpirationTime(now - 3600)
        .sign(t.papo.deps.cipher.deriveKey("jwt"));
      // The same claims, freshly signed with the server's key, are accepted: the three above fail for their one flaw.
      const control = await new SignJWT(rest)
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(t.papo.deps.cipher.deriveKey("jwt"));
      expect((await request("GET", "/api/v1/auth/me", { token: control })).status).toBe(200);

      for (const operation of operations) {
        if (accessOf(operation).auth === "public") continue;
        for (const [label, token] of [
          ["another key", forged],
          ["alg none", unsigned],
          ["expired", expired],
        ] as const) {
          const answer = await call(operation, undefined, token);
          expect([operation, label, answer.status, answer.body.error?.code]).toEqual([operation, label, 401, "auth.invalid_token"]);
        }
      }
    },
    180_000,
  );

  run(
    "each role gets 403 exactly where the table names a permission it lacks, and an answer (never 401 or 5xx) elsewhere",
    async () => {
      const outcomes: string[] = [];
      for (const role of ROLES) {
        const caller = callers[role];
        const ordered = [...operations.filter((op) => !fixtureOf(op).endsSession), ...operations.filter((op) => fixtureOf(op).endsSession)];
        for (const operation of ordered) {
          const access = accessOf(operation);
          const fixture = fixtureOf(operation);
          // A session of its own for what ends or rotates one; the role's main session keeps working for the rest.
          const who = fixture.endsSession ? await callerFor(role, workspaceId, caller.userId, caller.email, caller.password) : caller;
          const answer = await call(operation, who, who.token);
          // Logging out everywhere or changing the password ends the role's other sessions too: start a new one.
          if (fixture.endsSession) Object.assign(caller, await callerFor(role, workspaceId, caller.userId, caller.email, who.password));
          const denied = access.auth === "user" && access.permission !== undefined && !ROLE_PERMISSIONS[role].includes(access.permission);
          const expected = denied ? [403] : (fixture.ok ?? [200, 201, 202, 204]);
          const code = answer.body.error?.code;
          if (!expected.includes(answer.status) || (denied && code !== "auth.forbidden"))
            outcomes.push(`${role} ${operation}: ${answer.status} ${code ?? ""} (expected ${expected.join("/")})`);
        }
      }
      expect(outcomes).toEqual([]);
      // Every operation three times, one after another: about a minute on a loaded CI machine, so more than the default.
    },
    300_000,
  );

  run(
    "with ids of another workspace, every operation that takes an id answers 404",
    async () => {
      const outcomes: string[] = [];
      for (const operation of operations.filter(hasParams)) {
        if (accessOf(operation).auth === "public") continue;
        // The other workspace's administrator (every permission) asks for this workspace's ids.
        const fixture = fixtureOf(operation);
        const { method, path } = split(operation);
        const params = fixture.params ? await fixture.params(world, callers.admin) : {};
        const url = path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? randomUUID());
        const body = fixture.body ? fixture.body(world, callers.other) : undefined;
        const answer = await request(method, url, { token: callers.other.token, body });
        if (answer.status !== 404) outcomes.push(`${operation}: ${answer.status} ${answer.body.error?.code ?? ""}`);
      }
      expect(outcomes).toEqual([]);
      // Nothing of this workspace was touched by those calls: its conversation and contact are still there.
      expect((await asAdmin("GET", `/api/v1/conversations/${world.conversationId}`)).status).toBe(200);
      expect((await asAdmin("GET", `/api/v1/contacts/${world.contactId}`)).status).toBe(200);
    },
    180_000,
  );
});
