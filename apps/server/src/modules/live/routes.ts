import type { FastifyInstance } from "fastify";
import type { Deps } from "../../deps.ts";
import type { DomainEvent } from "../../events/bus.ts";
import { createUsersRepo } from "../auth/repo.ts";

const HEARTBEAT_MS = 25_000;

/**
 * `GET /api/v1/stream?token=…` (WebSocket): the live events of the caller's workspace — new messages, status changes,
 * conversation and contact updates — as small JSON frames carrying ids, never content. Browsers cannot set headers on a
 * WebSocket, so the token comes in the query (request logs keep paths only). A client that reconnects refetches what
 * it shows: the stream tells what changed, the API stays the source of truth.
 */
export async function liveRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const users = createUsersRepo({ db: deps.database.db });
  app.get("/api/v1/stream", { websocket: true, schema: { hide: true } }, async (socket, request) => {
    const token = (request.query as { token?: unknown }).token;
    const claims = typeof token === "string" ? await deps.tokens.verify(token) : null;
    // Like the API's bearer check: the token's user must still exist in its workspace and be active.
    const stillActive = async () => Boolean(claims && (await users.activeRole(claims.workspaceId, claims.userId)));
    if (!claims || !(await stillActive())) {
      // 4401: the application-defined counterpart of HTTP 401, so the console knows to log in again.
      socket.close(4401, "invalid or missing token");
      return;
    }
    const unsubscribe = deps.events.on((event: DomainEvent) => {
      if (event.workspaceId !== claims.workspaceId || socket.readyState !== socket.OPEN) return;
      const { workspaceId: _scope, ...frame } = event;
      socket.send(JSON.stringify(frame));
    });
    // Each heartbeat also re-checks the user, so a stream opened before a deactivation ends within HEARTBEAT_MS.
    const heartbeat = setInterval(() => {
      socket.ping();
      stillActive().then(
        (active) => {
          if (!active && socket.readyState === socket.OPEN) socket.close(4401, "user deactivated");
        },
        (error: unknown) => request.log.warn({ err: error }, "live stream user check failed"),
      );
    }, HEARTBEAT_MS);
    heartbeat.unref();
    socket.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    socket.send(JSON.stringify({ type: "ready" }));
  });
}
