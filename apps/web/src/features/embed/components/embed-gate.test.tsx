import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { EmbedWindow } from "../hooks/use-embed-session.ts";
import { EmbedGate } from "./embed-gate.tsx";

const CRM = "https://crm.example.com";
const user = buildUser({ name: "Lia do CRM" });
const grant = { token: "access-1", expiresIn: 900, user, frameOrigins: [CRM] };

/** A window as the embedded page sees it: the URL the CRM framed, a parent that records what it is told. */
function fakeWindow({ hash = "", search = "?workspace=ws-1" } = {}) {
  const target = new EventTarget();
  const told: Array<{ message: unknown; origin: string }> = [];
  const replaced: string[] = [];
  const parent = { postMessage: (message: unknown, origin: string) => told.push({ message, origin }) };
  const win = {
    location: { pathname: "/embed", search, hash },
    history: { replaceState: (_data: unknown, _unused: string, url?: string | URL | null) => replaced.push(String(url)) },
    parent,
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
  } as unknown as EmbedWindow;
  /** A `message` event as the browser would deliver it. */
  const post = (data: unknown, { origin = CRM, source = parent as unknown } = {}) =>
    target.dispatchEvent(Object.assign(new Event("message"), { data, origin, source }));
  return { win, told, replaced, post };
}

const routes = (login: FakeRoute["respond"]): FakeRoute[] => [
  { path: "/api/v1/auth/embed/frame", respond: () => json({ origins: [CRM] }) },
  { method: "POST", path: "/api/v1/auth/embed", respond: login },
  { method: "POST", path: "/api/v1/auth/embed/refresh", respond: () => apiError(401, "auth.invalid_refresh_token") },
];

describe("EmbedGate", () => {
  it("when the CRM frames the page with #token=, the token is posted once, removed from the URL, and the inbox shows", async () => {
    const { win, told, replaced } = fakeWindow({ hash: "#token=crm-signed-jwt" });
    const { fetch } = renderApp(
      <EmbedGate win={win}>
        <p>inbox</p>
      </EmbedGate>,
      { routes: routes(() => json(grant)) },
    );
    expect(await screen.findByText("inbox")).toBeTruthy();
    const logins = fetch.calls.filter((c) => c.path === "/api/v1/auth/embed");
    expect(logins.map((c) => c.body)).toEqual([{ token: "crm-signed-jwt" }]);
    expect(replaced).toEqual(["/embed?workspace=ws-1"]);
    expect(told).toEqual([{ message: { type: "papo:ready", userId: user.id }, origin: CRM }]);
  });

  it("when there is no token, it waits and asks the CRM; only a token from the parent and an allowed origin is used", async () => {
    const { win, told, post } = fakeWindow();
    const { fetch } = renderApp(
      <EmbedGate win={win}>
        <p>inbox</p>
      </EmbedGate>,
      { routes: routes((call) => json({ ...grant, token: `access-for-${(call.body as { token: string }).token}` })) },
    );
    expect(await screen.findByText("Waiting for the CRM to send access to Papo…")).toBeTruthy();
    expect(told).toEqual([{ message: { type: "papo:token-required", reason: "no-token" }, origin: CRM }]);

    post({ type: "papo:token", token: "from-evil" }, { origin: "https://evil.example" });
    post({ type: "papo:token", token: "from-other-frame" }, { source: {} });
    post({ type: "papo:something", token: "not-a-token-message" });
    expect(fetch.calls.filter((c) => c.path === "/api/v1/auth/embed")).toEqual([]);

    post({ type: "papo:token", token: "good" });
    expect(await screen.findByText("inbox")).toBeTruthy();
    expect(fetch.calls.filter((c) => c.path === "/api/v1/auth/embed").map((c) => c.body)).toEqual([{ token: "good" }]);
  });

  it("when the CRM's token is refused, the reason is shown and the CRM is asked for another", async () => {
    const { win, told } = fakeWindow({ hash: "#token=old" });
    renderApp(
      <EmbedGate win={win}>
        <p>inbox</p>
      </EmbedGate>,
      { routes: routes(() => apiError(401, "auth.embed_expired")) },
    );
    expect(await screen.findByText("The CRM's token has expired. Reload the CRM page.")).toBeTruthy();
    expect(screen.queryByText("inbox")).toBeNull();
    await waitFor(() => expect(told).toEqual([{ message: { type: "papo:token-required", reason: "refused" }, origin: CRM }]));
  });

  it("when the CRM page reloads with its spent token, the embed refresh cookie resumes the session", async () => {
    const { win, told } = fakeWindow({ hash: "#token=spent" });
    const { fetch } = renderApp(
      <EmbedGate win={win}>
        <p>inbox</p>
      </EmbedGate>,
      {
        routes: [
          // The test's services use the default refresh path; the embedded page's use /api/v1/auth/embed/refresh
          // (main.tsx; checked in embed-refresh.test.ts).
          { method: "POST", path: "/api/v1/auth/refresh", respond: () => json({ token: "access-2", expiresIn: 900, user }) },
          ...routes(() => apiError(401, "auth.embed_replayed")),
        ],
      },
    );
    expect(await screen.findByText("inbox")).toBeTruthy();
    expect(fetch.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /api/v1/auth/embed/frame",
      "POST /api/v1/auth/embed",
      "POST /api/v1/auth/refresh",
    ]);
    expect(told).toEqual([]);
  });

  it("when the session ends later (refresh refused), the CRM is asked for a fresh token", async () => {
    const { win, told } = fakeWindow({ hash: "#token=first" });
    const { services } = renderApp(
      <EmbedGate win={win}>
        <p>inbox</p>
      </EmbedGate>,
      { routes: routes(() => json(grant)) },
    );
    expect(await screen.findByText("inbox")).toBeTruthy();
    services.session.clear();
    expect(await screen.findByText("Waiting for the CRM to send access to Papo…")).toBeTruthy();
    expect(told.at(-1)).toEqual({ message: { type: "papo:token-required", reason: "session-ended" }, origin: CRM });
  });
});
