import type { FastifyInstance } from "fastify";
import type { Deps } from "../../deps.ts";
import type { DomainEvent } from "../../events/bus.ts";

const HEARTBEAT_MS = 25_000;

/**
 * `GET /api/v1/stream?token=…` (WebSocket): the live events of the caller's workspace — new messages, status changes,
 * conversation and contact updates — as small JSON frames carrying ids, never content. Browsers cannot set headers on a
 * WebSocket, so the token comes in the query (request logs keep paths only). A client that reconnects refetches what
 * it shows: the stream tells what changed, the API stays the source of truth.
 */
export async function liveRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get("/api/v1/stream", { websocket: true, schema: { hide: true } }, async (socket, request) => {
    const token = (request.query as { token?: unknown }).token;
    const claims = typeof token === "string" ? await deps.tokens.verify(token) : null;
    if (!claims) {
      // 4401: the application-defined counterpart of HTTP 401, so the console knows to log in again.
      socket.close(4401, "invalid or missing token");
      return;
    }
    const unsubscribe = deps.events.on((event: DomainEvent) => {
      if (event.workspaceId !== claims.workspaceId || socket.readyState !== socket.OPEN) return;
      const { workspaceId: _scope, ...frame } = event;
      socket.send(JSON.stringify(frame));
    });
    const heartbeat = setInterval(() => socket.ping(), HEARTBEAT_MS);
    heartbeat.unref();
    socket.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    socket.send(JSON.stringify({ type: "ready" }));
  });
}
