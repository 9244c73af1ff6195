import helmet from "@fastify/helmet";
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
import { authRoutes } from "./modules/auth/routes.ts";
import { userRoutes } from "./modules/auth/users-routes.ts";
import { cannedResponseRoutes } from "./modules/canned-responses/routes.ts";
import { createChannelsRepo } from "./modules/channels/repo.ts";
import { channelRoutes } from "./modules/channels/routes.ts";
import { contactNoteRoutes } from "./modules/contact-notes/routes.ts";
import { contactRoutes } from "./modules/contacts/routes.ts";
import { conversationRoutes } from "./modules/conversations/routes.ts";
import { healthRoutes } from "./modules/health/routes.ts";
import { legacyRoutes } from "./modules/legacy/routes.ts";
import { liveRoutes } from "./modules/live/routes.ts";
import { mediaRoutes } from "./modules/media/routes.ts";
import { messageRoutes } from "./modules/messages/routes.ts";
import { appSecretFingerprint, createWebhookEventsRepo } from "./modules/webhook/repo.ts";
import { webhookRoutes } from "./modules/webhook/routes.ts";

export const API_VERSION = "0.1.0";

/**
 * Builds the HTTP application from its dependencies without listening, so tests drive it with `inject` or a real port
 * and `main.ts` alone decides how the process runs.
 */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      directives: {
        // The console shows media fetched with the bearer token as blob: URLs (an <img> cannot send the header).
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
      },
    },
  });
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
  await app.register(liveRoutes, deps);
  await app.register(async (api) => {
    requireBearer(api, deps);
    await api.register(cannedResponseRoutes, deps);
    await api.register(channelRoutes, deps);
    await api.register(contactRoutes, deps);
    await api.register(contactNoteRoutes, deps);
    await api.register(conversationRoutes, deps);
    await api.register(messageRoutes, deps);
    await api.register(mediaRoutes, deps);
    await api.register(legacyRoutes, deps);
    await api.register(userRoutes, deps);
  });
  await registerConsole(app, deps.config.webDistDir);
  return app;
}

const unique = (values: Array<string | null | undefined>): string[] => [...new Set(values.filter((v): v is string => Boolean(v)))];
