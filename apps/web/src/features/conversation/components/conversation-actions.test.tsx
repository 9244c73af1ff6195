import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Conversation, UpdateConversationBody } from "../../../lib/api-types.ts";
import { buildConversation, buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { ConversationView } from "./conversation-view.tsx";

const me = buildUser({ name: "Ana Agente" });
const bruno = buildUser({ name: "Bruno Lima" });
const carla = buildUser({ name: "Carla Dias" });
const gone = buildUser({ name: "Dario Saiu", active: false });

function renderConversation(conversation: Conversation, { onBack = vi.fn(), patch }: { onBack?: () => void; patch?: FakeRoute } = {}) {
  const result = renderApp(<ConversationView conversationId={conversation.id} userId={me.id} onBack={onBack} />, {
    login: buildLogin({ user: me }),
    routes: [
      ...(patch ? [patch] : []),
      { path: `/api/v1/conversations/${conversation.id}`, respond: () => json(conversation) },
      {
        method: "PATCH",
        path: `/api/v1/conversations/${conversation.id}`,
        respond: (call) => {
          const body = call.body as UpdateConversationBody;
          const unread = body.markRead ? { unreadCount: 0 } : body.markUnread ? { unreadCount: Math.max(1, conversation.unreadCount) } : {};
          const { markRead: _r, markUnread: _u, ...rest } = body;
          return json({ ...conversation, ...rest, ...unread });
        },
      },
      { path: `/api/v1/conversations/${conversation.id}/messages`, respond: () => json({ data: [], nextCursor: null }) },
      { path: "/api/v1/users", respond: () => json({ data: [me, bruno, carla, gone], nextCursor: null }) },
    ],
  });
  return { ...result, onBack };
}

const patches = (fetch: { calls: Array<{ method: string; body: unknown }> }) =>
  fetch.calls.filter((c) => c.method === "PATCH").map((c) => c.body);

const openAssignMenu = async () => {
  fireEvent.click(await screen.findByRole("button", { name: "Assign" }));
  return screen.findByRole("menu", { name: "Assign to an agent" });
};

describe("Assign menu", () => {
  it("when it opens, it lists the active agents with the current assignee checked and focused", async () => {
    renderConversation(buildConversation({ assigneeId: bruno.id }));

    const menu = within(await openAssignMenu());

    const agents = await menu.findAllByRole("menuitemradio");
    expect(agents.map((a) => a.textContent)).toEqual(["Ana Agente (you)", "Bruno Lima", "Carla Dias"]);
    expect(menu.getByRole("menuitemradio", { name: "Bruno Lima" }).getAttribute("aria-checked")).toBe("true");
    expect(menu.getByRole("menuitemradio", { name: "Carla Dias" }).getAttribute("aria-checked")).toBe("false");
    await waitFor(() => expect(document.activeElement).toBe(menu.getByRole("menuitemradio", { name: "Bruno Lima" })));
    expect(screen.getByRole("button", { name: "Assign" }).getAttribute("aria-expanded")).toBe("true");
  });

  it("when another agent is chosen, the conversation is assigned to them and the header names them", async () => {
    const { fetch } = renderConversation(buildConversation());
    const menu = within(await openAssignMenu());

    fireEvent.click(await menu.findByRole("menuitemradio", { name: "Carla Dias" }));

    await waitFor(() => expect(patches(fetch)).toEqual([{ assigneeId: carla.id }]));
    expect(await screen.findByText("Assignee: Carla Dias")).toBeTruthy();
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Assign" }));
  });

  it("when a bot handles the conversation, choosing an agent transfers it to a human and assigns it in one call", async () => {
    const { fetch } = renderConversation(buildConversation({ handledBy: "bot" }));
    const menu = within(await openAssignMenu());

    expect(menu.getByText(/A bot is handling it/)).toBeTruthy();
    fireEvent.click(await menu.findByRole("menuitemradio", { name: "Bruno Lima" }));

    await waitFor(() => expect(patches(fetch)).toEqual([{ assigneeId: bruno.id, handledBy: "human" }]));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Transfer to human" })).toBeNull());
  });

  it("when Unassign is chosen with the keyboard, the assignee is removed", async () => {
    const { fetch } = renderConversation(buildConversation({ assigneeId: bruno.id }));
    const menu = await openAssignMenu();
    await within(menu).findAllByRole("menuitemradio");

    fireEvent.keyDown(document.activeElement as HTMLElement, { key: "End" });
    expect(document.activeElement?.textContent).toBe("Unassign");
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Enter" });

    await waitFor(() => expect(patches(fetch)).toEqual([{ assigneeId: null }]));
    expect(await screen.findByText("Assignee: nobody")).toBeTruthy();
  });

  it("when the arrows move and Escape is pressed, nothing is sent and the focus returns to the button", async () => {
    const { fetch } = renderConversation(buildConversation());
    const menu = await openAssignMenu();
    const agents = await within(menu).findAllByRole("menuitemradio");
    await waitFor(() => expect(document.activeElement).toBe(agents[0]));

    fireEvent.keyDown(document.activeElement as HTMLElement, { key: "ArrowDown" });
    expect(document.activeElement).toBe(agents[1]);
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: "ArrowUp" });
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: "ArrowUp" });
    expect(document.activeElement?.textContent).toBe("Unassign");
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape" });

    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Assign" }));
    expect(patches(fetch)).toEqual([]);
  });

  it("when no one is assigned, Unassign is disabled", async () => {
    const { fetch } = renderConversation(buildConversation({ assigneeId: null }));
    const menu = within(await openAssignMenu());

    const unassign = menu.getByRole("menuitem", { name: "Unassign" });
    expect(unassign.getAttribute("aria-disabled")).toBe("true");
    fireEvent.click(unassign);

    expect(patches(fetch)).toEqual([]);
  });

  it("when Assign to me is pressed on a bot conversation, it is transferred to a human too", async () => {
    const { fetch } = renderConversation(buildConversation({ handledBy: "bot" }));

    fireEvent.click(await screen.findByRole("button", { name: "Assign to me" }));

    await waitFor(() => expect(patches(fetch)).toEqual([{ assigneeId: me.id, handledBy: "human" }]));
  });
});

describe("Mark unread", () => {
  it("when the agent marks the conversation unread, markUnread is sent, it is not marked read again and the view closes", async () => {
    const { fetch, onBack } = renderConversation(buildConversation({ unreadCount: 0 }));

    fireEvent.click(await screen.findByRole("button", { name: "Mark unread" }));

    await waitFor(() => expect(onBack).toHaveBeenCalledTimes(1));
    // The answer brings unreadCount 1 while the view is still open: the automatic mark-read must not undo it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(patches(fetch)).toEqual([{ markUnread: true }]);
  });

  it("when marking unread fails, the view stays open and the reason shows", async () => {
    const conversation = buildConversation();
    const { onBack } = renderConversation(conversation, {
      patch: { method: "PATCH", path: `/api/v1/conversations/${conversation.id}`, respond: () => apiError(404, "conversations.not_found") },
    });

    fireEvent.click(await screen.findByRole("button", { name: "Mark unread" }));

    expect((await screen.findByRole("alert")).textContent).toBe("The action failed: Conversation not found.");
    expect(onBack).not.toHaveBeenCalled();
  });
});
