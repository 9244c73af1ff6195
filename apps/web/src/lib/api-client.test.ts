import { describe, expect, it } from "vitest";
import { buildLogin } from "../testing/data-generators.ts";
import { apiError, createFakeFetch, json } from "../testing/fake-fetch.ts";
import { ApiError, createApiClient } from "./api-client.ts";
import { createMemoryStore } from "./key-value-store.ts";
import { createSessionStore } from "./session.ts";

function setup(routes: Parameters<typeof createFakeFetch>[0]) {
  const session = createSessionStore({ store: createMemoryStore() });
  const fetch = createFakeFetch(routes);
  return { session, fetch, client: createApiClient({ fetch, session }) };
}

describe("createApiClient", () => {
  it("when a session exists, calls carry its bearer token and JSON bodies", async () => {
    const { session, fetch, client } = setup([{ method: "PATCH", path: "/api/v1/x", respond: () => json({ ok: true }) }]);
    session.start(buildLogin({ token: "tok-1" }));

    await client.request("/api/v1/x", { method: "PATCH", json: { a: 1 }, query: { limit: 5, cursor: null } });

    expect(fetch.calls[0]?.headers.authorization).toBe("Bearer tok-1");
    expect(fetch.calls[0]?.headers["content-type"]).toBe("application/json");
    expect(fetch.calls[0]?.body).toEqual({ a: 1 });
    expect(fetch.calls[0]?.query.toString()).toBe("limit=5");
  });

  it("when the API answers with an error body, the call rejects with an ApiError carrying its code", async () => {
    const { client } = setup([{ path: "/api/v1/x", respond: () => apiError(422, "messages.window_closed", "closed") }]);

    const error = await client.request("/api/v1/x").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "messages.window_closed", status: 422, message: "closed" });
  });

  it("when an authenticated call gets a 401, the session ends", async () => {
    const { session, client } = setup([{ path: "/api/v1/x", respond: () => apiError(401, "auth.invalid_token") }]);
    session.start(buildLogin());

    await expect(client.request("/api/v1/x")).rejects.toMatchObject({ code: "auth.invalid_token" });

    expect(session.get()).toBeNull();
  });

  it("when fetch itself fails, the error has the code network.error", async () => {
    const session = createSessionStore({ store: createMemoryStore() });
    const client = createApiClient({ session, fetch: () => Promise.reject(new TypeError("Failed to fetch")) });

    await expect(client.request("/api/v1/x")).rejects.toMatchObject({ code: "network.error", status: 0 });
  });
});

describe("token refresh", () => {
  it("when an access token is refused as invalid, the client renews it with the refresh cookie once and retries the call", async () => {
    let calls = 0;
    const { session, fetch, client } = setup([
      {
        path: "/api/v1/x",
        respond: (call) => (call.headers.authorization === "Bearer new-token" ? json({ ok: true }) : apiError(401, "auth.invalid_token")),
      },
      {
        method: "POST",
        path: "/api/v1/auth/refresh",
        respond: () => {
          calls++;
          return json(buildLogin({ token: "new-token" }));
        },
      },
    ]);
    session.start(buildLogin({ token: "old-token" }));

    await expect(Promise.all([client.request("/api/v1/x"), client.request("/api/v1/x")])).resolves.toEqual([{ ok: true }, { ok: true }]);

    expect(calls).toBe(1);
    expect(session.get()?.token).toBe("new-token");
    expect(fetch.calls.filter((c) => c.path === "/api/v1/auth/refresh")[0]?.headers.authorization).toBeUndefined();
  });

  it("when the refresh is refused too, the session ends and the call rejects with the original error", async () => {
    const { session, client } = setup([
      { path: "/api/v1/x", respond: () => apiError(401, "auth.invalid_token") },
      { method: "POST", path: "/api/v1/auth/refresh", respond: () => apiError(401, "auth.invalid_refresh_token") },
    ]);
    session.start(buildLogin());

    await expect(client.request("/api/v1/x")).rejects.toMatchObject({ code: "auth.invalid_token" });

    expect(session.get()).toBeNull();
  });

  it("when a call asks not to refresh (logout), a 401 is just an error", async () => {
    const { session, fetch, client } = setup([
      { method: "POST", path: "/api/v1/auth/logout", respond: () => apiError(401, "auth.invalid_token") },
    ]);
    session.start(buildLogin());

    await expect(client.request("/api/v1/auth/logout", { method: "POST", skipRefresh: true })).rejects.toMatchObject({ status: 401 });

    expect(fetch.calls.map((c) => c.path)).toEqual(["/api/v1/auth/logout"]);
  });

  it("when the page loads, restore() resumes the cookie's session once; later calls do not ask again", async () => {
    const { session, fetch, client } = setup([
      { method: "POST", path: "/api/v1/auth/refresh", respond: () => json(buildLogin({ token: "restored" })) },
    ]);

    await expect(client.restore()).resolves.toBe(true);
    expect(session.get()?.token).toBe("restored");
    session.clear();
    await expect(client.restore()).resolves.toBe(true);

    expect(fetch.calls.filter((c) => c.path === "/api/v1/auth/refresh")).toHaveLength(1);
    expect(session.get()).toBeNull();
  });

  it("when there is no refresh cookie, restore() resolves false and nobody is logged in", async () => {
    const { session, client } = setup([
      { method: "POST", path: "/api/v1/auth/refresh", respond: () => apiError(401, "auth.invalid_refresh_token") },
    ]);

    await expect(client.restore()).resolves.toBe(false);
    expect(session.get()).toBeNull();
  });
});

describe("createSessionStore", () => {
  it("when a session starts, it lives in memory only: nothing is written to storage, and a new store (a reload) starts logged out", () => {
    const store = createMemoryStore();
    const session = createSessionStore({ store });
    session.start(buildLogin({ token: "in-memory" }));

    expect(session.get()?.token).toBe("in-memory");
    expect(store.getItem("papo.session")).toBeNull();
    expect(createSessionStore({ store }).get()).toBeNull();
  });

  it("when an older console left a token in storage, the store deletes it", () => {
    const store = createMemoryStore({
      "papo.session": JSON.stringify({ token: "long-lived", expiresAt: Date.now() + 1e9, user: { id: "u" } }),
    });

    expect(createSessionStore({ store }).get()).toBeNull();
    expect(store.getItem("papo.session")).toBeNull();
  });

  it("when a session starts, its expiry is counted from the answer's expiresIn", () => {
    const session = createSessionStore({ now: () => 1_000 });
    session.start(buildLogin({ expiresIn: 900 }));

    expect(session.get()?.expiresAt).toBe(901_000);
  });
});
