import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * Serves the agent console (apps/web's build) at `/`, with the single-page app's routes falling back to index.html.
 * API, webhook and health paths keep their JSON 404. Without a build, `/` says how to make one.
 */
export async function registerConsole(app: FastifyInstance, distDir: string): Promise<void> {
  const hasBuild = existsSync(join(distDir, "index.html"));
  if (hasBuild) {
    // wildcard: files are looked up per request, so a rebuilt console is served without a restart.
    await app.register(fastifyStatic, { root: distDir, prefix: "/", wildcard: true, index: ["index.html"] });
  } else {
    app.get("/", { schema: { hide: true } }, async (_request, reply) =>
      reply.code(503).type("text/plain").send("The console is not built: run `npm run build -w @papo/web` (npm start does it)."),
    );
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const isApi = /^\/(api|webhook|healthz|readyz|send-message|receive-message)(\/|$)/.test(path);
    if (hasBuild && request.method === "GET" && !isApi && !/\.[a-z0-9]+$/i.test(path)) return reply.sendFile("index.html");
    return reply.code(404).send({ error: { code: "route.not_found", message: `No route ${request.method} ${path}` } });
  });
}
