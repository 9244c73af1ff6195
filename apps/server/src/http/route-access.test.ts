import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import type { ServiceContext } from "../context.ts";
import type { AuthCheckDeps } from "./auth.ts";
import { registerErrorHandler } from "./errors.ts";
import { accessOf, isStaticPublic, ROUTE_ACCESS, type RouteAccess, registerRouteAccess, UnlistedRouteError } from "./route-access.ts";

const table: Record<string, RouteAccess> = {
  "GET /open": { auth: "public" },
  "GET /mine": { auth: "user" },
  "POST /numbers": { auth: "user", permission: "channels.manage" },
  "GET /numbers": { auth: "user" },
};

/** No database and no token service: these tests never get as far as a token (none is sent, or the caller is preset). */
const noDeps = {} as unknown as AuthCheckDeps;

describe("route table", () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** An app with the table; `caller` plays the bearer hook of the API scope. */
  const build = (caller?: ServiceContext) => {
    const built = Fastify();
    registerErrorHandler(built);
    registerRouteAccess(built, noDeps, table);
    if (caller)
      built.addHook("onRequest", async (request) => {
        request.auth = caller;
      });
    app = built;
    return built;
  };
  const agent: ServiceContext = { workspaceId: "w", actor: { type: "user", userId: "u", role: "agent", permissions: [] } };
  const manager: ServiceContext = {
    workspaceId: "w",
    actor: { type: "user", userId: "u", role: "agent", permissions: ["channels.manage"] },
  };

  it("when a route is not in the table, the application refuses to start and names the route and the file", async () => {
    const built = build();
    built.get("/open", async () => "ok");
    // Registered by a module (a plugin), as every route of the app is: start-up fails.
    const ready = (async () => {
      await built.register(async (scope) => {
        scope.delete("/numbers/:id", async () => "gone");
      });
      await built.ready();
    })();
    await expect(ready).rejects.toThrow(UnlistedRouteError);
    await expect(ready).rejects.toThrow(
      "Route DELETE /numbers/:id is not in the route table: add it to ROUTE_ACCESS in apps/server/src/http/route-access.ts",
    );
    // Directly on the root instance, the registration itself throws.
    expect(() => build().put("/numbers", async () => "replaced")).toThrow(UnlistedRouteError);
  });

  it("when every route is listed, it starts; the HEAD route Fastify adds to a GET shares the GET's entry", async () => {
    const built = build();
    built.get("/open", async () => "ok");
    await built.ready();
    expect((await built.inject({ method: "HEAD", url: "/open" })).statusCode).toBe(200);
    expect(accessOf(table, "HEAD", "/mine")).toEqual({ auth: "user" });
    expect(accessOf(table, "HEAD", "/missing")).toBeUndefined();
  });

  it("when a user route is called without a token, it is 401 auth.missing_token whatever scope registered it", async () => {
    const built = build();
    built.get("/mine", async () => "secret");
    const answer = await built.inject({ method: "GET", url: "/mine" });
    expect([answer.statusCode, answer.json().error.code]).toEqual([401, "auth.missing_token"]);
  });

  it("when the caller lacks the route's permission, it is 403 auth.forbidden naming the permission, before the body is validated", async () => {
    const built = build(agent);
    let ran = false;
    built.post("/numbers", { schema: { body: { type: "object", required: ["name"] } } }, async () => {
      ran = true;
      return "created";
    });
    built.get("/numbers", async () => "listed");
    const denied = await built.inject({ method: "POST", url: "/numbers", payload: {} });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toMatchObject({ code: "auth.forbidden", details: { permission: "channels.manage" } });
    expect(ran).toBe(false);
    expect((await built.inject({ method: "GET", url: "/numbers" })).statusCode).toBe(200);
  });

  it("when the caller has the permission (here by a grant, not by role), the route runs", async () => {
    const built = build(manager);
    built.post("/numbers", async () => "created");
    expect((await built.inject({ method: "POST", url: "/numbers", payload: {} })).statusCode).toBe(200);
  });

  it("the console's files, Swagger UI and CORS preflights are public by pattern; nothing else is", () => {
    for (const key of ["GET /*", "HEAD /*", "GET /", "GET /api/docs", "GET /api/docs/static/*", "HEAD /api/docs/json", "OPTIONS *"])
      expect(isStaticPublic(key), key).toBe(true);
    for (const key of ["GET /api/v1/users", "POST /*", "GET /api/docsx", "DELETE /api/docs/json", "OPTIONS /api/v1/users"])
      expect(isStaticPublic(key), key).toBe(false);
  });

  it("the login, webhook, health and API document routes are public; users, channel and canned-response writes need their permission", () => {
    const entries = ROUTE_ACCESS as Record<string, RouteAccess>;
    for (const key of ["POST /api/v1/auth/login", "POST /webhook", "GET /webhook", "GET /healthz", "GET /readyz", "GET /api/openapi.json"])
      expect(entries[key], key).toEqual({ auth: "public" });
    expect(entries["POST /api/v1/users"]).toEqual({ auth: "user", permission: "users.manage" });
    expect(entries["PATCH /api/v1/channels/:id"]).toEqual({ auth: "user", permission: "channels.manage" });
    expect(entries["DELETE /api/v1/canned-responses/:id"]).toEqual({ auth: "user", permission: "canned_responses.manage" });
    expect(entries["POST /api/v1/channels/:id/health-check"]).toEqual({ auth: "user", permission: "channels.check" });
  });
});
