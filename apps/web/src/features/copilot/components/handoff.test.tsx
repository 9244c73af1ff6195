import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../../lib/api-types.ts";
import { buildConversation, buildLogin } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { Handoff } from "../api/types.ts";
import { HandoffActions } from "./handoff-actions.tsx";
import { HandoffBanner } from "./handoff-banner.tsx";

function botRoute(conversation: Conversation, mode: "off" | "bot_first"): FakeRoute {
  return { path: `/api/v1/channels/${conversation.channelId}/bot`, respond: () => json({ mode }) };
}

function renderActions(conversation: Conversation, routes: FakeRoute[]) {
  return renderApp(<HandoffActions conversation={conversation} />, { login: buildLogin(), routes });
}

const handoff = (overrides: Partial<Handoff> = {}): Handoff => ({
  id: "h1",
  reason: "negative_sentiment",
  detail: "“isso é um absurdo”",
  summary: "Cliente reclama do atraso do pedido 123.",
  summaryEngine: "builtin",
  by: { kind: "bot", userId: null },
  at: "2026-03-02T14:30:00.000Z",
  ...overrides,
});

describe("Handoff buttons", () => {
  it("when the bot handles the conversation, Transfer to human posts a handoff and caches the answer", async () => {
    const conversation = buildConversation({ handledBy: "bot" });
    const { fetch, queryClient } = renderActions(conversation, [
      botRoute(conversation, "bot_first"),
      {
        method: "POST",
        path: `/api/v1/conversations/${conversation.id}/handoff`,
        respond: () => json({ ...conversation, handledBy: "human", assigneeId: null, status: "open" }),
      },
    ]);

    fireEvent.click(screen.getByRole("button", { name: "Transfer to human" }));

    await waitFor(() =>
      expect(queryClient.getQueryData<Conversation>(["conversations", "detail", conversation.id])?.handledBy).toBe("human"),
    );
    expect(fetch.calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual([`/api/v1/conversations/${conversation.id}/handoff`]);
    expect(screen.queryByRole("button", { name: "Hand back to the bot" })).toBeNull();
  });

  it("when a person handles it and the channel's bot is on, Hand back to the bot posts to /bot", async () => {
    const conversation = buildConversation({ handledBy: "human" });
    const { fetch } = renderActions(conversation, [
      botRoute(conversation, "bot_first"),
      { method: "POST", path: `/api/v1/conversations/${conversation.id}/bot`, respond: () => json({ ...conversation, handledBy: "bot" }) },
    ]);

    fireEvent.click(await screen.findByRole("button", { name: "Hand back to the bot" }));

    await waitFor(() => expect(fetch.calls.some((c) => c.method === "POST" && c.path.endsWith("/bot"))).toBe(true));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("when the server refuses because the bot is off, its 409 message is shown", async () => {
    const conversation = buildConversation({ handledBy: "human" });
    renderActions(conversation, [
      { path: `/api/v1/channels/${conversation.channelId}/bot`, respond: () => apiError(403, "auth.forbidden") },
      { method: "POST", path: `/api/v1/conversations/${conversation.id}/bot`, respond: () => apiError(409, "bot.not_enabled") },
    ]);

    fireEvent.click(await screen.findByRole("button", { name: "Hand back to the bot" }));

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not do it: The bot is off on this number. An administrator can switch it on in the number's settings.",
    );
  });

  it("when the channel's bot is known to be off, there is no Hand back button", async () => {
    const conversation = buildConversation({ handledBy: "human" });
    const { fetch } = renderActions(conversation, [botRoute(conversation, "off")]);

    await waitFor(() => expect(fetch.calls.some((c) => c.path.endsWith("/bot"))).toBe(true));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Hand back to the bot" })).toBeNull());
  });
});

describe("Handoff banner", () => {
  it("when a person took over from the bot, the latest handoff shows its reason in words, detail and summary", async () => {
    const conversation = buildConversation({ handledBy: "human" });
    renderApp(<HandoffBanner conversation={conversation} />, {
      login: buildLogin(),
      locale: "pt-BR",
      routes: [
        {
          path: `/api/v1/conversations/${conversation.id}/handoffs`,
          respond: () => json({ data: [handoff(), handoff({ id: "h0", reason: "unsure", summary: "antigo" })] }),
        },
      ],
    });

    const banner = await screen.findByRole("complementary", { name: "Transferência do bot" });
    expect(banner.textContent).toContain("O bot transferiu para um atendente: o cliente parece insatisfeito.");
    expect(banner.textContent).toContain("“isso é um absurdo”");
    expect(banner.textContent).toContain("Cliente reclama do atraso do pedido 123.");
    expect(banner.textContent).toContain("Motor embutido");
    expect(banner.textContent).not.toContain("antigo");
  });

  it("when the bot handles the conversation, no banner and no request", async () => {
    const conversation = buildConversation({ handledBy: "bot" });
    const { fetch } = renderApp(<HandoffBanner conversation={conversation} />, { login: buildLogin() });

    // Time for a query to have started, had the banner asked for anything.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fetch.calls).toHaveLength(0);
    expect(screen.queryByRole("complementary")).toBeNull();
  });
});
