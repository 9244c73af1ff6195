import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import websocket from "@fastify/websocket";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Deps } from "./deps.ts";
import { requireBearer } from "./http/auth.ts";
import { registerConsole } from "./http/console.ts";
import { registerErrorHandler } from "./http/errors.ts";
import { registerOpenApi } from "./http/openapi.ts";
import { registerRouteAccess } from "./http/route-access.ts";
import { channelMemberRoutes } from "./modules/access/members-routes.ts";
import { assistRoutes } from "./modules/assist/routes.ts";
import { auditRoutes } from "./modules/audit/routes.ts";
import { accountRoutes } from "./modules/auth/account-routes.ts";
import { embedRoutes, embedSettingsRoutes } from "./modules/auth/embed/routes.ts";
import { authRoutes } from "./modules/auth/routes.ts";
import { ssoAdminRoutes, ssoRoutes } from "./modules/auth/sso/routes.ts";
import { userRoutes } from "./modules/auth/users-routes.ts";
import { botSettingsRoutes } from "./modules/bot/settings-routes.ts";
import { pricingRoutes } from "./modules/campaigns/pricing-routes.ts";
import { campaignReportRoutes } from "./modules/campaigns/report-routes.ts";
import { campaignRoutes } from "./modules/campaigns/routes.ts";
import { cannedResponseRoutes } from "./modules/canned-responses/routes.ts";
import { createChannelsRepo } from "./modules/channels/repo.ts";
import { channelRoutes } from "./modules/channels/routes.ts";
import { consentRoutes } from "./modules/consent/routes.ts";
import { contactNoteRoutes } from "./modules/contact-notes/routes.ts";
import { contactRoutes } from "./modules/contacts/routes.ts";
import { conversationRoutes } from "./modules/conversations/routes.ts";
import { copilotRoutes } from "./modules/copilot/routes.ts";
import { csatRoutes } from "./modules/csat/routes.ts";
import { healthRoutes } from "./modules/health/routes.ts";
import { encryptionRoutes } from "./modules/keys/routes.ts";
import { knowledgeBaseRoutes } from "./modules/knowledge-base/routes.ts";
import { legacyRoutes } from "./modules/legacy/routes.ts";
import { liveRoutes } from "./modules/live/routes.ts";
import { mediaRoutes } from "./modules/media/routes.ts";
import { messageRoutes } from "./modules/messages/routes.ts";
import { privacyRoutes } from "./modules/privacy/routes.ts";
import { reportRoutes } from "./modules/reports/routes.ts";
import { schedulingRoutes } from "./modules/scheduling/routes.ts";
import { searchRoutes } from "./modules/search/routes.ts";
import { teamRoutes } from "./modules/teams/routes.ts";
import { templateRoutes } from "./modules/templates/routes.ts";
import { appSecretFingerprint, createWebhookEventsRepo } from "./modules/webhook/repo.ts";
import { webhookRoutes } from "./modules/webhook/routes.ts";
import { workspaceSettingsRoutes } from "./modules/workspaces/settings-routes.ts";
import { frameworkErrors, JSON_BODY_LIMIT, readTlsOptions, registerHardening } from "./security/http-hardening.ts";

export const API_VERSION = "0.1.0";

/**
 * Builds the HTTP application from its dependencies without listening, so tests drive it with `inject` or a real port
 * and `main.ts` alone decides how the process runs.
 */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const options = {
    loggerInstance: deps.log as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: JSON_BODY_LIMIT,
    frameworkErrors,
  };
  const tls = readTlsOptions(deps.config);
  // With TLS_CERT/TLS_KEY Papo serves HTTPS itself; the instance's API is the same, only its server type differs.
  const app = (tls ? Fastify({ ...options, https: tls }) : Fastify(options)) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // Before any route: every route must be in the route table (or the app does not start), and gets its guard.
  registerRouteAccess(app, deps);

  await registerHardening(app, deps.config);
  // The console's refresh token travels in an httpOnly cookie (modules/auth/cookies.ts).
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024, files: 1 } });
  await registerOpenApi(app, { version: API_VERSION });

  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(healthRoutes, deps);

  const channels = () => createChannelsRepo({ db: deps.database.db, cipher: deps.cipher }).listAllForWebhook();
  await app.register(webhookRoutes, {
    repo: createWebhookEventsRepo({ db: deps.database.db, cipher: deps.cipher }),
    appSecrets: async () => unique([deps.config.whatsapp.appSecret, ...(await channels()).map((c) => c.appSecret)]),
    verifyTokens: async () => unique([deps.config.whatsapp.verifyToken, ...(await channels()).map((c) => c.verifyToken)]),
    fingerprint: (secret) => appSecretFingerprint(deps.cipher, secret),
    onStored: deps.kick.webhooks,
  });

  await app.register(authRoutes, deps);
  await app.register(ssoRoutes, deps);
  await app.register(embedRoutes, deps);
  await app.register(liveRoutes, deps);
  await app.register(async (api) => {
    requireBearer(api, deps);
    await api.register(cannedResponseRoutes, deps);
    await api.register(campaignReportRoutes, deps);
    await api.register(channelRoutes, deps);
    await api.register(botSettingsRoutes, deps);
    await api.register(knowledgeBaseRoutes, deps);
    await api.register(channelMemberRoutes, deps);
    await api.register(contactRoutes, deps);
    await api.register(contactNoteRoutes, deps);
    await api.register(privacyRoutes, deps);
    await api.register(consentRoutes, deps);
    await api.register(conversationRoutes, deps);
    await api.register(messageRoutes, deps);
    await api.register(searchRoutes, deps);
    await api.register(mediaRoutes, deps);
    await api.register(legacyRoutes, deps);
    await api.register(userRoutes, deps);
    await api.register(accountRoutes, deps);
    await api.register(ssoAdminRoutes, deps);
    await api.register(auditRoutes, deps);
    await api.register(encryptionRoutes, deps);
    await api.register(embedSettingsRoutes, deps);
    await api.register(assistRoutes, deps);
    await api.register(copilotRoutes, deps);
    await api.register(workspaceSettingsRoutes, deps);
    await api.register(schedulingRoutes, deps);
    await api.register(templateRoutes, deps);
    await api.register(campaignRoutes, deps);
    await api.register(pricingRoutes, deps);
    await api.register(teamRoutes, deps);
    await api.register(csatRoutes, deps);
    await api.register(reportRoutes, deps);
  });
  await registerConsole(app, deps.config.webDistDir);
  return app;
}

const unique = (values: Array<string | null | undefined>): string[] => [...new Set(values.filter((v): v is string => Boolean(v)))];
