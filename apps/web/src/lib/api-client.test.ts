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

describe("createSessionStore", () => {
  it("when a session was saved, a new store (a reload) finds it", () => {
    const store = createMemoryStore();
    createSessionStore({ store }).start(buildLogin({ token: "kept" }));

    expect(createSessionStore({ store }).get()?.token).toBe("kept");
  });

  it("when the saved session has expired, a new store starts logged out", () => {
    const store = createMemoryStore();
    createSessionStore({ store, now: () => 0 }).start(buildLogin({ expiresIn: 60 }));

    expect(createSessionStore({ store, now: () => 61_000 }).get()).toBeNull();
  });
});
