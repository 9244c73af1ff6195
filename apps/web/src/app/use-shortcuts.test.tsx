import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Conversation, UpdateConversationBody } from "../lib/api-types.ts";
import { buildContact, buildConversation, buildLogin, buildUser } from "../testing/data-generators.ts";
import { type FakeRoute, json } from "../testing/fake-fetch.ts";
import { renderApp } from "../testing/test-utils.tsx";
import { App } from "./app.tsx";

const user = buildUser({ name: "Ana Agente" });

function routesFor(conversation: Conversation): FakeRoute[] {
  return [
    { path: "/api/v1/conversations", respond: () => json({ data: [conversation], nextCursor: null }) },
    { path: `/api/v1/conversations/${conversation.id}`, respond: () => json(conversation) },
    {
      method: "PATCH",
      path: `/api/v1/conversations/${conversation.id}`,
      respond: (call) => {
        const { markRead, markUnread, ...rest } = call.body as UpdateConversationBody;
        return json({ ...conversation, ...rest, unreadCount: markUnread ? 1 : markRead ? 0 : conversation.unreadCount });
      },
    },
    { path: `/api/v1/conversations/${conversation.id}/messages`, respond: () => json({ data: [], nextCursor: null }) },
    { path: "/api/v1/users", respond: () => json({ data: [user], nextCursor: null }) },
  ];
}

async function openConversation(overrides: Partial<Conversation> = {}) {
  const conversation = buildConversation({ contact: buildContact({ name: "Lia Cliente" }), ...overrides });
  window.location.hash = `#/c/${conversation.id}`;
  const result = renderApp(<App />, { login: buildLogin({ user }), routes: routesFor(conversation) });
  await screen.findByRole("heading", { level: 2, name: "Lia Cliente" });
  await screen.findByRole("button", { name: "Resolve" });
  const patches = () => result.fetch.calls.filter((c) => c.method === "PATCH").map((c) => c.body);
  return { ...result, conversation, patches };
}

describe("conversation shortcuts", () => {
  beforeEach(() => {
    window.location.hash = "";
  });
  afterEach(() => {
    window.location.hash = "";
  });

  it("when a is pressed, the open conversation is assigned to the agent", async () => {
    const { patches } = await openConversation();

    fireEvent.keyDown(window, { key: "a" });

    await waitFor(() => expect(patches()).toEqual([{ assigneeId: user.id }]));
    expect(await screen.findByText("Assignee: you")).toBeTruthy();
  });

  it("when a is pressed on a bot's conversation, it is assigned and transferred to a human in one call", async () => {
    const { patches } = await openConversation({ handledBy: "bot" });

    fireEvent.keyDown(window, { key: "a" });

    await waitFor(() => expect(patches()).toEqual([{ assigneeId: user.id, handledBy: "human" }]));
  });

  it("when e is pressed, the open conversation is resolved; again does nothing more", async () => {
    const { patches } = await openConversation();

    fireEvent.keyDown(window, { key: "e" });
    await screen.findByRole("button", { name: "Reopen" });
    fireEvent.keyDown(window, { key: "e" });

    expect(patches()).toEqual([{ status: "resolved" }]);
  });

  it("when u is pressed, the conversation is marked unread, not read again, and the list comes back", async () => {
    const { patches } = await openConversation();

    fireEvent.keyDown(window, { key: "u" });

    await waitFor(() => expect(window.location.hash).toBe("#/"));
    await waitFor(() => expect(screen.queryByRole("heading", { level: 2, name: "Lia Cliente" })).toBeNull());
    expect(patches()).toEqual([{ markUnread: true }]);
  });

  it("when a, e and u are typed in the composer, they are text and nothing is sent", async () => {
    const { patches } = await openConversation();
    const textarea = screen.getByLabelText("Message");

    for (const key of ["a", "e", "u"]) fireEvent.keyDown(textarea, { key });

    expect(patches()).toEqual([]);
    expect(window.location.hash).not.toBe("#/");
  });

  it("when no conversation is open, the conversation shortcuts do nothing", async () => {
    const { fetch } = renderApp(<App />, { login: buildLogin({ user }), routes: routesFor(buildConversation()) });
    await screen.findByText("Lia Souza");

    for (const key of ["a", "e", "u"]) fireEvent.keyDown(window, { key });

    expect(fetch.calls.filter((c) => c.method === "PATCH")).toEqual([]);
  });

  it("when the shortcuts dialog opens, it lists assign, resolve and mark unread", async () => {
    await openConversation();

    fireEvent.keyDown(window, { key: "?" });

    const dialog = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog.textContent).toContain("Assign the conversation to me");
    expect(dialog.textContent).toContain("Resolve the conversation");
    expect(dialog.textContent).toContain("Mark unread and go back to the list");
  });
});
