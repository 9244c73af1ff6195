import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { type ReactNode, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { Conversation } from "../../../lib/api-types.ts";
import { buildConversation, buildLogin } from "../../../testing/data-generators.ts";
import { type FakeCall, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { SuggestionsResult } from "../api/types.ts";
import { buildCopilotStatus, controlledEventStream, DraftHarness, statusRoute } from "../testing/copilot-fakes.tsx";
import { SuggestionsBar } from "./suggestions-bar.tsx";

const done: SuggestionsResult = {
  suggestions: [
    {
      text: "Seu pedido sai amanhã.",
      source: { kind: "generated" },
      citations: [{ kind: "article", id: "a1", title: "Prazos de entrega" }],
    },
    { text: "Posso ajudar em algo mais?", source: { kind: "canned", id: "c1", title: "Encerramento" }, citations: [] },
  ],
  language: "pt",
  engine: "provider",
};

/** Lets the test change the conversation the way a refetch after a live event does. */
let changeConversation: (conversation: Conversation) => void = () => {};
function Changing({ initial, children }: { initial: Conversation; children: (conversation: Conversation) => ReactNode }) {
  const [conversation, setConversation] = useState(initial);
  changeConversation = setConversation;
  return children(conversation);
}

function renderBar({
  conversation = buildConversation(),
  routes = [] as FakeRoute[],
  status = buildCopilotStatus(),
  onSend = vi.fn(),
  autoDelayMs = 1_500,
} = {}) {
  const ui = (c: Conversation) => (
    <DraftHarness conversation={c} onSend={onSend}>
      {(draft) => <SuggestionsBar composer={draft} autoDelayMs={autoDelayMs} />}
    </DraftHarness>
  );
  const result = renderApp(<Changing initial={conversation}>{ui}</Changing>, {
    login: buildLogin(),
    routes: [...routes, statusRoute(status)],
  });
  return { ...result, conversation, onSend, rerenderWith: (c: Conversation) => act(() => changeConversation(c)) };
}

const suggestionCalls = (fetch: { calls: FakeCall[] }, conversationId: string) =>
  fetch.calls.filter((c) => c.method === "POST" && c.path === `/api/v1/conversations/${conversationId}/suggestions`);

describe("Suggestions bar", () => {
  it("when suggestions stream in, the text shows as it is written and then the cards with their source and engine", async () => {
    const conversation = buildConversation();
    const stream = controlledEventStream();
    const { fetch } = renderBar({
      conversation,
      routes: [{ method: "POST", path: `/api/v1/conversations/${conversation.id}/suggestions`, respond: () => stream.response() }],
    });

    fireEvent.click(await screen.findByRole("button", { name: "Suggestions" }));
    stream.send("delta", { index: 0, text: "Seu pedido " });
    stream.send("delta", { index: 0, text: "sai" });

    expect(await screen.findByText("Seu pedido sai")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Suggesting…" })).toHaveProperty("disabled", true);
    const [call] = suggestionCalls(fetch, conversation.id);
    expect(call?.headers.accept).toBe("text/event-stream");
    expect(call?.headers.authorization).toBe("Bearer test-token");
    expect(call?.body).toEqual({ max: 3 });

    stream.send("done", done);
    stream.close();

    const list = await screen.findByRole("list", { name: "Suggested replies" });
    expect(list.textContent).toContain("Seu pedido sai amanhã.");
    expect(screen.getByText("Source: Prazos de entrega")).toBeTruthy();
    expect(screen.getByText("Source: Encerramento")).toBeTruthy();
    expect(screen.getByText("Provider AI")).toBeTruthy();
  });

  it("when the agent clicks a suggestion, it goes into the draft to edit and nothing is sent", async () => {
    const conversation = buildConversation();
    const { fetch, onSend } = renderBar({
      conversation,
      routes: [{ method: "POST", path: `/api/v1/conversations/${conversation.id}/suggestions`, respond: () => json(done) }],
    });

    fireEvent.click(await screen.findByRole("button", { name: "Suggestions" }));
    fireEvent.click(await screen.findByRole("button", { name: /Seu pedido sai amanhã/ }));

    expect((screen.getByLabelText("Draft") as HTMLTextAreaElement).value).toBe("Seu pedido sai amanhã.");
    expect(onSend).not.toHaveBeenCalled();
    expect(fetch.calls.some((c) => c.path.endsWith("/messages"))).toBe(false);
  });

  it("when the built-in engine answered because the provider timed out, the card says so", async () => {
    const conversation = buildConversation();
    renderBar({
      conversation,
      routes: [
        {
          method: "POST",
          path: `/api/v1/conversations/${conversation.id}/suggestions`,
          respond: () => json({ ...done, engine: "builtin", fallback: { reason: "timeout" } }),
        },
      ],
    });

    fireEvent.click(await screen.findByRole("button", { name: "Suggestions" }));

    expect(await screen.findByText("Built-in engine")).toBeTruthy();
    expect(screen.getByText("The AI provider took too long: answered by the built-in engine.")).toBeTruthy();
  });

  it("when the stream ends with an error event, its code's message is shown", async () => {
    const conversation = buildConversation();
    const stream = controlledEventStream();
    renderBar({
      conversation,
      routes: [{ method: "POST", path: `/api/v1/conversations/${conversation.id}/suggestions`, respond: () => stream.response() }],
    });

    fireEvent.click(await screen.findByRole("button", { name: "Suggestions" }));
    stream.send("error", { error: { code: "copilot.provider_failed", message: "upstream 500" } });
    stream.close();

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not suggest replies: The AI provider did not answer. Try again in a moment.",
    );
  });

  it("when the workspace switched suggestions off, or the window is closed, the bar is not shown", async () => {
    const { fetch } = renderBar({
      status: buildCopilotStatus({ features: { ...buildCopilotStatus().features, suggestions: false } }),
    });
    await waitFor(() => expect(fetch.calls.some((c) => c.path === "/api/v1/copilot/status")).toBe(true));
    expect(screen.queryByRole("button", { name: "Suggestions" })).toBeNull();

    renderBar({ conversation: buildConversation({ windowOpen: false }) });
    await waitFor(() => expect(fetch.calls.length).toBeGreaterThan(0));
    expect(screen.queryByRole("button", { name: "Suggestions" })).toBeNull();
  });

  it("when a new customer message arrives, suggestions are asked for after a pause; the one already there asks nothing", async () => {
    const conversation = buildConversation({ lastInboundAt: "2026-03-02T14:00:00.000Z" });
    const { fetch, rerenderWith } = renderBar({
      conversation,
      autoDelayMs: 20,
      routes: [{ method: "POST", path: `/api/v1/conversations/${conversation.id}/suggestions`, respond: () => json(done) }],
    });
    await screen.findByRole("button", { name: "Suggestions" });
    // Several times the 20 ms pause: an automatic ask for the message already there would have gone by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(suggestionCalls(fetch, conversation.id)).toHaveLength(0);

    rerenderWith({ ...conversation, lastInboundAt: "2026-03-02T14:05:00.000Z" });
    rerenderWith({ ...conversation, lastInboundAt: "2026-03-02T14:05:01.000Z" });

    expect(await screen.findByRole("list", { name: "Suggested replies" })).toBeTruthy();
    expect(suggestionCalls(fetch, conversation.id)).toHaveLength(1);
  });
});
