import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Conversation } from "../lib/api-types.ts";
import { buildContact, buildConversation, buildLogin, buildMessage, buildUser } from "../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../testing/fake-fetch.ts";
import { renderApp } from "../testing/test-utils.tsx";
import { App } from "./app.tsx";

const user = buildUser({ name: "Ana Agente" });
const ana = buildConversation({
  contact: buildContact({ name: "Ana Cliente" }),
  lastActivityAt: new Date(Date.now() - 60_000).toISOString(),
});
const bia = buildConversation({
  contact: buildContact({ name: "Bia Cliente" }),
  lastActivityAt: new Date(Date.now() - 120_000).toISOString(),
});

function routesFor(conversations: Conversation[]): FakeRoute[] {
  return [
    { path: "/api/v1/conversations", respond: () => json({ data: conversations, nextCursor: null }) },
    ...conversations.flatMap((c): FakeRoute[] => [
      { path: `/api/v1/conversations/${c.id}`, respond: () => json(c) },
      { path: `/api/v1/conversations/${c.id}/messages`, respond: () => json({ data: [], nextCursor: null }) },
    ]),
  ];
}

const openHeading = () => screen.findByRole("heading", { level: 2, name: /Cliente/ });

describe("App", () => {
  beforeEach(() => {
    window.location.hash = "";
  });
  afterEach(() => {
    window.location.hash = "";
  });

  it("when an admin follows the admin link, the admin pages load and list the users", async () => {
    const admin = buildUser({ name: "Alice Admin", email: "alice.admin@papo.test", role: "admin" });
    renderApp(<App />, {
      login: buildLogin({ user: admin }),
      routes: [...routesFor([]), { path: "/api/v1/users", respond: () => json({ data: [admin], nextCursor: null }) }],
    });
    const link = await screen.findByRole("link", { name: "Administration" });

    act(() => {
      window.location.hash = link.getAttribute("href") ?? "";
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    });

    // The admin pages are a lazily loaded module: its first import in the test runner takes a moment.
    expect(await screen.findByRole("heading", { level: 1, name: "Administration" }, { timeout: 10_000 })).toBeTruthy();
    expect(await screen.findByText("alice.admin@papo.test", { exact: false }, { timeout: 5_000 })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Users" }).getAttribute("aria-current")).toBe("page");
  });

  it("when an agent is logged in, there is no admin link, and the admin address says it is not for them", async () => {
    renderApp(<App />, { login: buildLogin({ user: buildUser({ role: "agent" }) }), routes: routesFor([]) });
    await screen.findByPlaceholderText("Search name or phone");
    expect(screen.queryByRole("link", { name: "Administration" })).toBeNull();

    act(() => {
      window.location.hash = "#/admin/users";
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    });

    expect(await screen.findByText("Only administrators and supervisors can open this page.")).toBeTruthy();
  });

  it("when no one is logged in, the login page shows", () => {
    renderApp(<App />);

    expect(screen.getByRole("heading", { name: "Sign in to Papo" })).toBeTruthy();
  });

  it("when a session was saved, the inbox shows and the live stream connects with its token", async () => {
    const { sockets } = renderApp(<App />, { login: buildLogin({ user, token: "saved-token" }), routes: routesFor([ana, bia]) });

    expect(await screen.findByText("Ana Cliente")).toBeTruthy();
    expect(screen.getByText("Signed in as Ana Agente")).toBeTruthy();
    expect(sockets[0]?.url).toMatch(/\/api\/v1\/stream\?token=saved-token$/);
  });

  it("when the access token is refreshed, the live stream stays on its socket", async () => {
    const login = buildLogin({ user, token: "first-token" });
    const { sockets, services } = renderApp(<App />, { login, routes: routesFor([ana]) });
    expect(await screen.findByText("Ana Cliente")).toBeTruthy();
    expect(sockets).toHaveLength(1);

    act(() => services.session.start({ ...login, token: "refreshed-token" }));

    expect(screen.getByText("Ana Cliente")).toBeTruthy();
    expect(sockets).toHaveLength(1);
  });

  it("when j and k are pressed, the next and previous conversations open", async () => {
    renderApp(<App />, { login: buildLogin({ user }), routes: routesFor([ana, bia]) });
    await screen.findByText("Bia Cliente");

    fireEvent.keyDown(window, { key: "j" });
    expect((await openHeading()).textContent).toBe("Ana Cliente");
    fireEvent.keyDown(window, { key: "j" });
    await waitFor(() => expect(window.location.hash).toBe(`#/c/${bia.id}`));
    fireEvent.keyDown(window, { key: "k" });
    await waitFor(() => expect(window.location.hash).toBe(`#/c/${ana.id}`));
  });

  it("when r is pressed in an open conversation, the composer takes the focus", async () => {
    window.location.hash = `#/c/${ana.id}`;
    renderApp(<App />, { login: buildLogin({ user }), routes: routesFor([ana]) });
    const textarea = await screen.findByLabelText("Message");

    fireEvent.keyDown(window, { key: "r" });

    expect(document.activeElement).toBe(textarea);
  });

  it("when the agent types j in a field, it is text and not a shortcut", async () => {
    renderApp(<App />, { login: buildLogin({ user }), routes: routesFor([ana]) });
    const search = await screen.findByLabelText("Search by name or phone");

    fireEvent.keyDown(search, { key: "j" });

    expect(window.location.hash).toBe("");
  });

  it("when ? is pressed, the shortcuts dialog opens, and Escape closes it", async () => {
    renderApp(<App />, { login: buildLogin({ user }), routes: routesFor([ana]) });
    await screen.findByText("Ana Cliente");

    fireEvent.keyDown(window, { key: "?" });
    const dialog = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog.textContent).toContain("Next conversation");
    fireEvent.keyDown(dialog, { key: "Escape" });

    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("when the theme button is pressed, the dark class is set on the page and remembered", async () => {
    const { services } = renderApp(<App />, { login: buildLogin({ user }), routes: routesFor([ana]) });
    await screen.findByText("Ana Cliente");
    const before = services.theme.get();

    fireEvent.click(screen.getByRole("button", { name: before === "dark" ? "Light theme" : "Dark theme" }));

    expect(services.theme.get()).toBe(before === "dark" ? "light" : "dark");
    expect(document.documentElement.classList.contains("dark")).toBe(before !== "dark");
  });

  it("when the agent logs out, the login page returns and the session is gone", async () => {
    const { services } = renderApp(<App />, { login: buildLogin({ user }), routes: routesFor([ana]) });
    await screen.findByText("Ana Cliente");

    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));

    expect(await screen.findByRole("heading", { name: "Sign in to Papo" })).toBeTruthy();
    expect(services.session.get()).toBeNull();
  });

  it("when the server rejects the token, the login page returns", async () => {
    renderApp(<App />, {
      login: buildLogin({ user }),
      routes: [{ path: "/api/v1/conversations", respond: () => apiError(401, "auth.invalid_token") }],
    });

    expect(await screen.findByRole("heading", { name: "Sign in to Papo" })).toBeTruthy();
  });

  it("when a customer writes while the tab is hidden, a desktop notification names them", async () => {
    const shown: Array<{ title: string; body?: string }> = [];
    class FakeNotification {
      static permission = "granted";
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body?: string }) {
        shown.push({ title, body: options.body });
      }
      close() {}
    }
    vi.stubGlobal("Notification", FakeNotification);
    const visibility = vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    const message = buildMessage({ conversationId: ana.id });
    const { sockets } = renderApp(<App />, { login: buildLogin({ user }), routes: routesFor([ana]) });
    await screen.findByText("Ana Cliente");

    act(() => sockets[0]?.deliver({ type: "message.received", conversationId: ana.id, messageId: message.id }));

    expect(shown).toEqual([{ title: "New message from Ana Cliente", body: "Open Papo to reply." }]);
    visibility.mockRestore();
    vi.unstubAllGlobals();
  });
});
