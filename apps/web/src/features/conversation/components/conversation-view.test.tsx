import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Conversation, Message } from "../../../lib/api-types.ts";
import { buildConversation, buildLogin, buildMessage, buildUser } from "../../../testing/data-generators.ts";
import { type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { ConversationView } from "./conversation-view.tsx";

const user = buildUser();

function renderConversation(conversation: Conversation, pages: Message[][] = [[]], extra: FakeRoute[] = []) {
  return renderApp(<ConversationView conversationId={conversation.id} userId={user.id} />, {
    login: buildLogin({ user }),
    routes: [
      ...extra,
      { path: `/api/v1/conversations/${conversation.id}`, respond: () => json(conversation) },
      {
        method: "PATCH",
        path: `/api/v1/conversations/${conversation.id}`,
        respond: (call) =>
          json({
            ...conversation,
            ...(call.body as object),
            ...((call.body as { markRead?: boolean }).markRead ? { unreadCount: 0 } : {}),
          }),
      },
      {
        path: `/api/v1/conversations/${conversation.id}/messages`,
        respond: (call) => {
          const index = Number(call.query.get("cursor") ?? 0);
          return json({ data: pages[index] ?? [], nextCursor: index + 1 < pages.length ? String(index + 1) : null });
        },
      },
    ],
  });
}

const patches = (fetch: { calls: Array<{ method: string; body: unknown }> }) =>
  fetch.calls.filter((c) => c.method === "PATCH").map((c) => c.body);

describe("ConversationView header", () => {
  it("when the conversation is open, the header shows the contact, status, window countdown and assignee", async () => {
    const conversation = buildConversation({ windowExpiresAt: new Date(Date.now() + (5 * 60 + 30) * 60_000 + 30_000).toISOString() });
    renderConversation(conversation);

    expect(await screen.findByRole("heading", { name: "Lia Souza" })).toBeTruthy();
    expect(screen.getByText("+5511912345678")).toBeTruthy();
    expect(screen.getByText("Open")).toBeTruthy();
    expect(screen.getByText("Window open: 5h 30 min")).toBeTruthy();
    expect(screen.getByText("Assignee: nobody")).toBeTruthy();
  });

  it("when the workspace's numbers are known, the header says which number the conversation is on", async () => {
    const conversation = buildConversation();
    const channel = {
      id: conversation.channelId,
      name: "Vendas",
      phoneNumberId: "1",
      wabaId: "2",
      displayPhoneNumber: "+55 11 4000-0000",
      sandbox: false,
      webhook: { url: "https://papo.test/webhook", verifyToken: "v" },
      createdAt: "2026-01-01T00:00:00.000Z",
    };
    renderConversation(conversation, [[]], [{ path: "/api/v1/channels", respond: () => json({ data: [channel], nextCursor: null }) }]);

    expect(await screen.findByText("Through the number Vendas (+55 11 4000-0000)")).toBeTruthy();
    expect(screen.getByText("Vendas")).toBeTruthy();
  });

  it("when another agent has the conversation, the header names them", async () => {
    const colleague = buildUser({ name: "Bruno Lima" });
    renderConversation(
      buildConversation({ assigneeId: colleague.id }),
      [[]],
      [{ path: "/api/v1/users", respond: () => json({ data: [user, colleague], nextCursor: null }) }],
    );

    expect(await screen.findByText("Assignee: Bruno Lima")).toBeTruthy();
  });

  it("when a bot handles the conversation, Transfer to human hands it to a person", async () => {
    const { fetch } = renderConversation(buildConversation({ handledBy: "bot" }));

    fireEvent.click(await screen.findByRole("button", { name: "Transfer to human" }));

    await waitFor(() => expect(patches(fetch)).toEqual([{ handledBy: "human" }]));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Transfer to human" })).toBeNull());
  });

  it("when the agent assigns the conversation to themselves, the assignee becomes them", async () => {
    const { fetch } = renderConversation(buildConversation());

    fireEvent.click(await screen.findByRole("button", { name: "Assign to me" }));

    await waitFor(() => expect(patches(fetch)).toEqual([{ assigneeId: user.id }]));
    expect(await screen.findByText("Assignee: you")).toBeTruthy();
  });

  it("when the agent resolves and then reopens, the status follows", async () => {
    const { fetch } = renderConversation(buildConversation());

    fireEvent.click(await screen.findByRole("button", { name: "Resolve" }));
    fireEvent.click(await screen.findByRole("button", { name: "Reopen" }));

    await waitFor(() => expect(patches(fetch)).toEqual([{ status: "resolved" }, { status: "open" }]));
  });

  it("when a conversation with unread messages is opened, it is marked read once", async () => {
    const { fetch } = renderConversation(buildConversation({ unreadCount: 2 }));

    await waitFor(() => expect(patches(fetch)).toEqual([{ markRead: true }]));
  });

  it("when nothing is unread, opening it does not mark it read", async () => {
    const { fetch } = renderConversation(buildConversation({ unreadCount: 0 }));

    await screen.findByRole("heading", { name: "Lia Souza" });
    expect(patches(fetch)).toEqual([]);
  });
});

describe("ConversationView history", () => {
  it("when the history loads, the newest message is at the bottom with day separators between days", async () => {
    const conversation = buildConversation();
    const at = (iso: string, text: string) => buildMessage({ conversationId: conversation.id, createdAt: iso, text });
    // The API answers newest first.
    renderConversation(conversation, [
      [at("2026-03-03T15:00:00.000Z", "terceira"), at("2026-03-02T15:00:00.000Z", "segunda"), at("2026-03-02T14:00:00.000Z", "primeira")],
    ]);

    const log = await screen.findByRole("log", { name: "Messages" });
    await within(log).findByText("terceira");
    const texts = Array.from(log.querySelectorAll("[data-message-id]"), (el) => el.querySelector("article span")?.textContent);
    expect(texts).toEqual(["primeira", "segunda", "terceira"]);
    expect(within(log).getByText(/March 2, 2026/)).toBeTruthy();
    expect(within(log).getByText(/March 3, 2026/)).toBeTruthy();
    expect(within(log).getByText("Start of the conversation")).toBeTruthy();
  });

  it("when there are older pages, Load older fetches the next cursor and puts them on top", async () => {
    const conversation = buildConversation();
    const newer = buildMessage({ conversationId: conversation.id, createdAt: "2026-03-02T15:00:00.000Z", text: "nova" });
    const older = buildMessage({ conversationId: conversation.id, createdAt: "2026-03-02T09:00:00.000Z", text: "antiga" });
    const { fetch } = renderConversation(conversation, [[newer], [older]]);

    fireEvent.click(await screen.findByRole("button", { name: "Load older messages" }));

    expect(await screen.findByText("antiga")).toBeTruthy();
    expect(fetch.calls.filter((c) => c.path.endsWith("/messages")).map((c) => c.query.get("cursor"))).toEqual([null, "1"]);
    const ids = Array.from(document.querySelectorAll("[data-message-id]"), (el) => el.getAttribute("data-message-id"));
    expect(ids).toEqual([older.id, newer.id]);
  });

  it("when a quote is clicked, the original message scrolls into view", async () => {
    const conversation = buildConversation();
    const original = buildMessage({ conversationId: conversation.id, createdAt: "2026-03-02T09:00:00.000Z", text: "Qual o prazo?" });
    const reply = buildMessage({
      conversationId: conversation.id,
      createdAt: "2026-03-02T09:05:00.000Z",
      text: "3 dias",
      replyTo: { waMessageId: original.waMessageId ?? "", messageId: original.id },
    });
    renderConversation(conversation, [[reply, original]]);
    const scrolled = vi.fn();
    HTMLElement.prototype.scrollTo = scrolled;
    const log = await screen.findByRole("log", { name: "Messages" });

    fireEvent.click(await screen.findByRole("button", { name: "Quoted message: Qual o prazo?" }));

    // The list is virtualised: the original is found by index and the log scrolls to it, centred, and it is highlighted.
    await waitFor(() => expect(scrolled.mock.contexts).toContain(log));
    const target = document.getElementById(`message-${original.id}`);
    expect(target?.querySelector(".ring-amber-400") ?? target?.closest(".ring-amber-400") ?? null).not.toBeNull();
  });

  it("when a conversation has 5,000 messages, only a window of bubbles is in the DOM", async () => {
    const conversation = buildConversation();
    const start = Date.parse("2026-03-02T09:00:00.000Z");
    const many = Array.from({ length: 5_000 }, (_, i) =>
      buildMessage({ conversationId: conversation.id, createdAt: new Date(start - i * 60_000).toISOString(), text: `mensagem ${i}` }),
    );
    renderConversation(conversation, [many]);

    const log = await screen.findByRole("log", { name: "Messages" });
    await waitFor(() => expect(log.querySelectorAll("[data-message-id]").length).toBeGreaterThan(0));
    expect(log.querySelectorAll("[data-message-id]").length).toBeLessThan(100);
  });

  it("when Reply is pressed on a message, the composer shows it and the send quotes it", async () => {
    const conversation = buildConversation();
    const original = buildMessage({ conversationId: conversation.id, text: "Tem em azul?" });
    const { fetch } = renderConversation(
      conversation,
      [[original]],
      [
        {
          method: "POST",
          path: `/api/v1/conversations/${conversation.id}/messages`,
          respond: (call) =>
            json(buildMessage({ conversationId: conversation.id, direction: "outbound", status: "queued", ...(call.body as object) }), 202),
        },
      ],
    );

    fireEvent.click(await screen.findByRole("button", { name: "Reply" }));
    expect(screen.getByText("Replying to")).toBeTruthy();
    const textarea = screen.getByLabelText("Message");
    fireEvent.change(textarea, { target: { value: "Tem sim!" } });
    fireEvent.keyDown(textarea, { key: "Enter" });

    await waitFor(() =>
      expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({ type: "text", body: "Tem sim!", replyTo: original.id }),
    );
    await waitFor(() => expect(screen.queryByText("Replying to")).toBeNull());
  });
});
