import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { buildConversation, buildLogin } from "../../../testing/data-generators.ts";
import { apiError, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { ScheduledMessage } from "../api/types.ts";
import { buildScheduled } from "../testing/scheduling-fakes.ts";
import { ScheduledStrip } from "./scheduled-strip.tsx";

const conversation = buildConversation();

function renderStrip(items: ScheduledMessage[], { cancel = () => json({ ...items[0], status: "cancelled" }) } = {}) {
  const onOpenTemplates = vi.fn();
  let list = items;
  const result = renderApp(<ScheduledStrip conversation={conversation} onOpenTemplates={onOpenTemplates} />, {
    login: buildLogin(),
    routes: [
      { path: "/api/v1/workspace/settings", respond: () => json({ name: "Loja", timeZone: "America/Sao_Paulo" }) },
      { path: `/api/v1/conversations/${conversation.id}/scheduled-messages`, respond: () => json({ data: list }) },
      {
        method: "DELETE",
        path: /^\/api\/v1\/scheduled-messages\//,
        respond: () => {
          list = [];
          return cancel();
        },
      },
    ],
  });
  return { ...result, onOpenTemplates };
}

const forConversation = (overrides: Partial<ScheduledMessage>) => buildScheduled({ conversationId: conversation.id, ...overrides });

describe("ScheduledStrip", () => {
  it("when messages are scheduled, each shows as a bubble with its kind, time, content and author", async () => {
    renderStrip([
      forConversation({ id: "a" }),
      forConversation({ id: "b", condition: "no_reply", message: { type: "template", name: "retorno", language: "pt_BR" } }),
      forConversation({ id: "c", kind: "reminder", messageType: "reminder", message: null, note: "Ligar amanhã" }),
      forConversation({ id: "d", status: "sent" }),
    ]);
    const region = await screen.findByRole("region", { name: "Scheduled" });
    const bubbles = within(region).getAllByRole("article");
    expect(bubbles).toHaveLength(3);
    expect(bubbles[0]?.getAttribute("aria-label")).toMatch(/^Scheduled, Dec 2, 2026, 9:00/);
    expect(bubbles[0]?.textContent).toContain("Seu pedido saiu.");
    expect(bubbles[0]?.textContent).toContain("Scheduled by Ana Agente");
    expect(bubbles[1]?.textContent).toContain("Follow-up if the customer doesn't reply");
    expect(bubbles[1]?.textContent).toContain("Template “retorno”");
    expect(bubbles[2]?.textContent).toContain("Ligar amanhã");
  });

  it("when Cancel is pressed and confirmed, the item is cancelled and leaves the strip", async () => {
    const { fetch } = renderStrip([forConversation({ id: "s-7" })]);
    fireEvent.click(await screen.findByRole("button", { name: "Cancel: Scheduled" }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel it" }));
    await waitFor(() => expect(fetch.calls.some((c) => c.method === "DELETE" && c.path === "/api/v1/scheduled-messages/s-7")).toBe(true));
    await waitFor(() => expect(screen.queryByRole("region", { name: "Scheduled" })).toBeNull());
  });

  it("when it went meanwhile, the cancel's refusal is explained", async () => {
    renderStrip([forConversation({})], { cancel: () => apiError(409, "scheduling.not_editable") });
    fireEvent.click(await screen.findByRole("button", { name: "Cancel: Scheduled" }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel it" }));
    expect((await screen.findByRole("alert")).textContent).toContain("already been processed");
  });

  it("when Edit is pressed, the dialog opens with the item's values", async () => {
    renderStrip([forConversation({})]);
    fireEvent.click(await screen.findByRole("button", { name: "Edit: Scheduled" }));
    expect((await screen.findByLabelText<HTMLTextAreaElement>("Message")).value).toBe("Seu pedido saiu.");
    expect(screen.getByRole("dialog", { name: "Edit scheduled item" })).toBeTruthy();
  });

  it("when one failed because the window was closed, it says so in plain words and offers a template", async () => {
    const { onOpenTemplates } = renderStrip([
      forConversation({ status: "failed", errorCode: "scheduling.window_closed", errorMessage: "window closed" }),
    ]);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Not sent: the 24-hour window was closed at that time");
    expect(screen.queryByRole("button", { name: /Edit/ })).toBeNull();
    fireEvent.click(within(alert).getByRole("button", { name: "Send a template" }));
    expect(onOpenTemplates).toHaveBeenCalled();
    fireEvent.click(within(alert).getByRole("button", { name: "Hide" }));
    expect(screen.queryByRole("region", { name: "Scheduled" })).toBeNull();
  });

  it("when a failure's code is not known to the console, the server's message is shown", async () => {
    renderStrip([forConversation({ status: "failed", errorCode: "papo.something_new", errorMessage: "Algo novo aconteceu." })]);
    expect((await screen.findByRole("alert")).textContent).toContain("Not sent: Algo novo aconteceu.");
  });
});
