import type { FastifyInstance } from "fastify";
import type { Deps } from "../../deps.ts";
import type { DomainEvent } from "../../events/bus.ts";
import { createLiveFilter } from "../access/live-filter.ts";
import { createUsersRepo } from "../auth/repo.ts";
import { endPresence, heartbeatPresence, PRESENCE_HEARTBEAT_MS, startPresence } from "../reports/presence.ts";

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
    // Like the API's bearer check: the token's user must still exist in its workspace and be active, and the token's
    // session must still be live (not logged out or revoked). The token's own expiry matters only at connect.
    const stillActive = async () =>
      Boolean(claims && (await users.activeInSession(claims.workspaceId, claims.userId, claims.sessionId, deps.clock.now())));
    if (!claims || !(await stillActive())) {
      // 4401: the application-defined counterpart of HTTP 401, so the console knows to log in again.
      socket.close(4401, "invalid or missing token");
      return;
    }
    // Closed while the token was checked: its close event is gone, so nothing below (subscription, heartbeats,
    // presence) would ever be released.
    if (socket.readyState !== socket.OPEN) return;
    // Only the events of what the user may see (conversations of their numbers or assigned to them, unless see_all).
    const visible = createLiveFilter({ db: deps.database.db, workspaceId: claims.workspaceId, userId: claims.userId });
    const unsubscribe = deps.events.on((event: DomainEvent) => {
      if (event.workspaceId !== claims.workspaceId || socket.readyState !== socket.OPEN) return;
      const { workspaceId: _scope, ...frame } = event;
      visible.deliver(
        event,
        () => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
        },
        (error: unknown) => request.log.warn({ err: error }, "live stream visibility check failed"),
      );
    });
    // Each heartbeat also re-checks the user and the session, so a stream opened before a deactivation, a logout or a
    // revocation ends within one heartbeat (config.liveHeartbeatMs).
    const heartbeat = setInterval(() => {
      socket.ping();
      stillActive().then(
        (active) => {
          if (!active && socket.readyState === socket.OPEN) socket.close(4401, "session ended or user deactivated");
        },
        (error: unknown) => request.log.warn({ err: error }, "live stream user check failed"),
      );
    }, deps.config.liveHeartbeatMs);
    heartbeat.unref();
    // Online time for the reports: this connection is one presence interval, kept alive by its own heartbeat.
    const presenceLogged = (error: unknown) => request.log.warn({ err: error }, "presence record failed");
    const db = deps.database.db;
    const presence = startPresence(db, { workspaceId: claims.workspaceId, userId: claims.userId, at: deps.clock.now() }).catch(
      (error: unknown) => {
        presenceLogged(error);
        return null;
      },
    );
    const presenceBeat = setInterval(() => {
      presence.then((id) => (id ? heartbeatPresence(db, id, deps.clock.now()) : undefined)).catch(presenceLogged);
    }, PRESENCE_HEARTBEAT_MS);
    presenceBeat.unref();
    socket.on("close", () => {
      clearInterval(presenceBeat);
      presence.then((id) => (id ? endPresence(db, id, deps.clock.now()) : undefined)).catch(presenceLogged);
    });
    socket.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    socket.send(JSON.stringify({ type: "ready" }));
  });
}
