import type { FastifyInstance } from "fastify";
import type { Deps } from "../../deps.ts";

/** `/healthz`: the process answers. `/readyz`: the database answers and its migrations are applied. */
export async function healthRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await deps.database.ping();
      if (!deps.database.migrated) return reply.code(503).send({ status: "migrating" });
      return { status: "ready", database: deps.database.kind };
    } catch (error) {
      // The reason goes to the log, not to an unauthenticated caller.
      deps.log.error({ err: error }, "readiness check: database unreachable");
      return reply.code(503).send({ status: "database_unreachable" });
    }
  });
}
