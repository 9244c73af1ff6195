import { describe, expect, it } from "vitest";
import { EMBED_REFRESH_PATH } from "../features/embed/utils/embed-location.ts";
import { createMemoryStore } from "../lib/key-value-store.ts";
import { buildUser } from "../testing/data-generators.ts";
import { apiError, createFakeFetch, json } from "../testing/fake-fetch.ts";
import { createServices } from "./services.ts";

describe("the embedded console's refresh", () => {
  it("when the services are made for /embed, the session is resumed and renewed with the embed refresh cookie's route", async () => {
    const user = buildUser();
    const fetch = createFakeFetch([
      { method: "POST", path: EMBED_REFRESH_PATH, respond: () => json({ token: "access-embed", expiresIn: 900, user }) },
      { method: "POST", path: "/api/v1/auth/refresh", respond: () => apiError(401, "auth.invalid_refresh_token") },
    ]);
    const services = createServices({ store: createMemoryStore(), fetch, refreshPath: EMBED_REFRESH_PATH });
    expect(await services.client.restore()).toBe(true);
    expect(services.session.get()?.token).toBe("access-embed");
    expect(fetch.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${EMBED_REFRESH_PATH}`]);
  });
});
