import multipart from "@fastify/multipart";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { SimContext } from "./context.ts";
import { graphGuard } from "./graph/auth.ts";
import { sendGraphFailure } from "./graph/reply.ts";
import { registerAdminControlRoutes } from "./routes/control/admin.ts";
import { registerCustomerControlRoutes } from "./routes/control/customers.ts";
import { registerFaultControlRoutes } from "./routes/control/faults.ts";
import { registerMediaRoutes } from "./routes/media.ts";
import { registerMessagesRoutes } from "./routes/messages.ts";
import { registerObjectRoutes } from "./routes/objects.ts";
import { registerTemplateRoutes } from "./routes/templates.ts";
import { MAX_MEDIA_BYTES } from "./rules/media-limits.ts";

/** Control bodies may carry base64 media; Graph JSON bodies are small. */
const BODY_LIMIT = 160 * 1024 * 1024;

const isControlPath = (url: string): boolean => url.startsWith("/_sim") && !url.startsWith("/_sim/lookaside/");

/** Framework errors (bad JSON, body too large…) answered in the dialect of the API that was called. */
function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (isControlPath(request.url)) {
    return reply.code(status).send({ error: { code: status === 500 ? "internal_error" : "invalid_request", message: error.message } });
  }
  if (status === 500) return sendGraphFailure(reply, { code: 131000, details: error.message });
  return sendGraphFailure(reply, { code: 100, httpStatus: status, details: error.message });
}

/**
 * Builds the simulator's Fastify instance without listening, so tests could `inject` into it. Graph routes live in
 * one encapsulated plugin whose hook checks the API version and bearer token; the control API (`/_sim`) has no auth.
 */
export async function buildServer(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, forceCloseConnections: true });
  await app.register(multipart, { limits: { fileSize: MAX_MEDIA_BYTES, files: 1, fields: 20 } });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    if (isControlPath(request.url))
      return reply.code(404).send({ error: { code: "not_found", message: `${request.method} ${request.url} is not a control endpoint` } });
    return sendGraphFailure(reply, { code: 2500, httpStatus: 400, message: `Unknown path components: ${request.url.split("?")[0]}` });
  });

  await app.register(async (control) => {
    registerCustomerControlRoutes(control, ctx);
    registerFaultControlRoutes(control, ctx);
    registerAdminControlRoutes(control, ctx);
  });

  await app.register(async (graph) => {
    graph.addHook("onRequest", graphGuard(ctx));
    registerMessagesRoutes(graph, ctx);
    registerMediaRoutes(graph, ctx);
    registerTemplateRoutes(graph, ctx);
    registerObjectRoutes(graph, ctx);
  });
  return app;
}
