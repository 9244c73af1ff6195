import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildCopilotStatus, statusRoute } from "../features/copilot/testing/copilot-fakes.tsx";
import type { Conversation, Message } from "../lib/api-types.ts";
import { buildContact, buildConversation, buildLogin, buildMessage, buildUser } from "../testing/data-generators.ts";
import { type FakeRoute, json } from "../testing/fake-fetch.ts";
import { renderApp } from "../testing/test-utils.tsx";
import { InboxRoute } from "./inbox-route.tsx";

/*
 * The copilot composed into the inbox (issue 6): the app hands the copilot's parts to the conversation and inbox
 * features as slots. These tests drive the real composer, list and header.
 */

const supervisor = buildUser({ name: "Sara Supervisora", role: "supervisor" });

function routesFor(conversation: Conversation, messages: Message[], extra: FakeRoute[] = []): FakeRoute[] {
  return [
    ...extra,
    statusRoute(buildCopilotStatus()),
    { path: "/api/v1/conversations", respond: () => json({ data: [conversation], nextCursor: null }) },
    { path: `/api/v1/conversations/${conversation.id}`, respond: () => json(conversation) },
    { path: `/api/v1/conversations/${conversation.id}/messages`, respond: () => json({ data: messages, nextCursor: null }) },
    { method: "PATCH", path: `/api/v1/conversations/${conversation.id}`, respond: () => json(conversation) },
    { path: `/api/v1/channels/${conversation.channelId}/bot`, respond: () => json({ mode: "bot_first" }) },
  ];
}

const open = (conversationId: string) =>
  act(() => {
    window.location.hash = `#/c/${conversationId}`;
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  });

describe("Copilot in the inbox", () => {
  beforeEach(() => {
    window.location.hash = "";
  });
  afterEach(() => {
    window.location.hash = "";
  });

  it("when the agent picks a suggestion, it lands in the composer's text box and nothing is sent", async () => {
    const conversation = buildConversation({ contact: buildContact({ name: "Lia Souza" }) });
    const { fetch } = renderApp(<InboxRoute userId={supervisor.id} />, {
      login: buildLogin({ user: supervisor }),
      routes: routesFor(
        conversation,
        [buildMessage({ conversationId: conversation.id, text: "Cadê meu pedido?" })],
        [
          {
            method: "POST",
            path: `/api/v1/conversations/${conversation.id}/suggestions`,
            respond: () =>
              json({
                suggestions: [{ text: "Seu pedido sai amanhã.", source: { kind: "article", id: "a1", title: "Prazos" }, citations: [] }],
                language: "pt",
                engine: "builtin",
              }),
          },
        ],
      ),
    });
    open(conversation.id);
    await screen.findByText("Cadê meu pedido?");

    fireEvent.click(await screen.findByRole("button", { name: "Suggestions" }));
    fireEvent.click(await screen.findByRole("button", { name: /Seu pedido sai amanhã/ }));

    const textbox = screen.getByLabelText("Message") as HTMLTextAreaElement;
    expect(textbox.value).toBe("Seu pedido sai amanhã.");
    expect(fetch.calls.some((c) => c.method === "POST" && c.path.endsWith("/messages"))).toBe(false);
  });

  it("when the customer's mood is known, the row and the header show it, and a customer message has its marker", async () => {
    const conversation = buildConversation({
      contact: buildContact({ name: "Lia Souza" }),
      ai: { language: "pt", sentiment: { label: "negative", score: -0.7, trend: "worsening" }, needsAttention: true },
    });
    const message = buildMessage({
      conversationId: conversation.id,
      text: "Que absurdo!",
      insights: {
        language: "pt",
        sentiment: { label: "negative", score: -0.8, confidence: 0.9, lowConfidence: false, engine: "provider" },
        transcript: null,
      },
    });
    renderApp(<InboxRoute userId={supervisor.id} />, {
      login: buildLogin({ user: supervisor }),
      routes: routesFor(conversation, [message]),
    });

    const row = await screen.findByRole("button", { name: /Lia Souza/ });
    expect(within(row).getByTitle("Sentiment: negative, worsening")).toBeTruthy();
    expect(within(row).getByTitle("Very unhappy customer waiting for an answer")).toBeTruthy();

    open(conversation.id);
    const header = await screen.findByRole("heading", { level: 2, name: "Lia Souza" });
    expect(within(header.closest("header") as HTMLElement).getByTitle("Sentiment: negative, worsening")).toBeTruthy();
    expect(await screen.findByRole("img", { name: "Sentiment: negative (-0.8) · Provider AI" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Translate into English" })).toBeTruthy();
  });

  it("when the bot handles the conversation, Transfer to human goes through the handoff route", async () => {
    const conversation = buildConversation({ handledBy: "bot", contact: buildContact({ name: "Lia Souza" }) });
    const { fetch } = renderApp(<InboxRoute userId={supervisor.id} />, {
      login: buildLogin({ user: supervisor }),
      routes: routesFor(
        conversation,
        [],
        [
          {
            method: "POST",
            path: `/api/v1/conversations/${conversation.id}/handoff`,
            respond: () => json({ ...conversation, handledBy: "human" }),
          },
        ],
      ),
    });
    open(conversation.id);

    fireEvent.click(await screen.findByRole("button", { name: "Transfer to human" }));

    await waitFor(() => expect(fetch.calls.some((c) => c.method === "POST" && c.path.endsWith("/handoff"))).toBe(true));
    expect(fetch.calls.some((c) => c.method === "PATCH" && (c.body as { handledBy?: string }).handledBy === "human")).toBe(false);
  });

  it("when the stream says a conversation needs attention, the supervisor gets an alert that opens it", async () => {
    const conversation = buildConversation({ contact: buildContact({ name: "Lia Souza" }) });
    const { sockets } = renderApp(<InboxRoute userId={supervisor.id} />, {
      login: buildLogin({ user: supervisor }),
      routes: routesFor(conversation, []),
    });
    await screen.findByRole("button", { name: /Lia Souza/ });

    act(() => sockets[0]?.deliver({ type: "conversation.needs_attention", conversationId: conversation.id }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Lia Souza needs attention");
    fireEvent.click(within(alert).getByRole("button", { name: "Open conversation" }));

    expect(window.location.hash).toBe(`#/c/${conversation.id}`);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
