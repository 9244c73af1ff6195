import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ScheduledMessage } from "../features/scheduling/api/types.ts";
import { buildScheduled } from "../features/scheduling/testing/scheduling-fakes.ts";
import type { Conversation, LiveEvent } from "../lib/api-types.ts";
import { buildContact, buildConversation, buildLogin, buildTemplate, buildUser } from "../testing/data-generators.ts";
import { type FakeCall, type FakeRoute, json } from "../testing/fake-fetch.ts";
import { renderApp } from "../testing/test-utils.tsx";
import { InboxRoute } from "./inbox-route.tsx";

/*
 * Scheduling composed into the inbox (issue 7): the composer's Schedule button, the strip of scheduled items, the
 * template picker's Schedule, and reminders from the live stream. These tests drive the real conversation view.
 */

const agent = buildUser({ name: "Ana Agente" });

function routesFor(conversation: Conversation, scheduled: () => ScheduledMessage[], extra: FakeRoute[] = []): FakeRoute[] {
  return [
    ...extra,
    { path: "/api/v1/conversations", respond: () => json({ data: [conversation], nextCursor: null }) },
    { path: `/api/v1/conversations/${conversation.id}`, respond: () => json(conversation) },
    { path: `/api/v1/conversations/${conversation.id}/messages`, respond: () => json({ data: [], nextCursor: null }) },
    { path: "/api/v1/workspace/settings", respond: () => json({ name: "Loja", timeZone: "America/Sao_Paulo" }) },
    { path: `/api/v1/conversations/${conversation.id}/scheduled-messages`, respond: () => json({ data: scheduled() }) },
    {
      path: `/api/v1/channels/${conversation.channelId}/templates`,
      respond: () => json({ data: [buildTemplate({ components: [{ type: "BODY", text: "Olá {{1}}, seu pedido chegou." }] })] }),
    },
  ];
}

const open = (conversationId: string) =>
  act(() => {
    window.location.hash = `#/c/${conversationId}`;
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  });

/** The stream's frames for features beyond the core inbox (not in LiveEvent's union). */
const frame = (value: Record<string, string>) => value as unknown as LiveEvent;

const posted = (calls: FakeCall[]) => calls.find((c) => c.method === "POST" && c.path.endsWith("/scheduled-messages"));

describe("Scheduling in the inbox", () => {
  beforeEach(() => {
    window.location.hash = "";
  });
  afterEach(() => {
    window.location.hash = "";
  });

  it("when the agent schedules the draft, it is posted, leaves the composer and shows above it as scheduled", async () => {
    const conversation = buildConversation({ contact: buildContact({ name: "Lia Souza" }) });
    let scheduled: ScheduledMessage[] = [];
    const { fetch } = renderApp(<InboxRoute userId={agent.id} />, {
      login: buildLogin({ user: agent }),
      routes: routesFor(conversation, () => scheduled, [
        {
          method: "POST",
          path: `/api/v1/conversations/${conversation.id}/scheduled-messages`,
          respond: (call) => {
            const body = call.body as { message: ScheduledMessage["message"] };
            scheduled = [buildScheduled({ id: "s-1", conversationId: conversation.id, message: body.message })];
            return json({ scheduled: scheduled[0], warnings: [] }, 201);
          },
        },
      ]),
    });
    open(conversation.id);
    const textbox = await screen.findByLabelText<HTMLTextAreaElement>("Message");
    fireEvent.change(textbox, { target: { value: "Amanhã te aviso do pedido." } });

    fireEvent.click(screen.getByRole("button", { name: "Schedule" }));
    const dialog = await screen.findByRole("dialog", { name: "Schedule" });
    await within(dialog).findByLabelText("Date");
    fireEvent.click(within(dialog).getByRole("button", { name: "Tomorrow 9am" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Schedule" }));

    await waitFor(() => expect(posted(fetch.calls)).toBeTruthy());
    expect(posted(fetch.calls)?.body).toMatchObject({ kind: "message", message: { type: "text", body: "Amanhã te aviso do pedido." } });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByLabelText<HTMLTextAreaElement>("Message").value).toBe("");
    // The dialog's own form: nothing was sent through the composer's.
    expect(fetch.calls.some((c) => c.method === "POST" && c.path.endsWith("/messages"))).toBe(false);
    const strip = await screen.findByRole("region", { name: "Scheduled" });
    expect(strip.textContent).toContain("Amanhã te aviso do pedido.");
  });

  it("when the stream says a scheduled item changed, the strip is refetched", async () => {
    const conversation = buildConversation();
    let scheduled: ScheduledMessage[] = [buildScheduled({ conversationId: conversation.id })];
    const { sockets } = renderApp(<InboxRoute userId={agent.id} />, {
      login: buildLogin({ user: agent }),
      routes: routesFor(conversation, () => scheduled),
    });
    open(conversation.id);
    await screen.findByRole("region", { name: "Scheduled" });

    scheduled = [];
    act(() => sockets[0]?.deliver(frame({ type: "scheduled_message.changed", conversationId: conversation.id, scheduledId: "s-1" })));
    await waitFor(() => expect(screen.queryByRole("region", { name: "Scheduled" })).toBeNull());
  });

  it("when one of the agent's reminders comes due, a toast shows its note and opens the conversation", async () => {
    const conversation = buildConversation({ contact: buildContact({ name: "Lia Souza" }) });
    const reminder = buildScheduled({
      id: "r-1",
      conversationId: conversation.id,
      kind: "reminder",
      messageType: "reminder",
      message: null,
      note: "Ligar para a Lia",
      status: "done",
    });
    const { sockets } = renderApp(<InboxRoute userId={agent.id} />, {
      login: buildLogin({ user: agent }),
      routes: routesFor(conversation, () => [reminder]),
    });
    await screen.findByRole("button", { name: /Lia Souza/ });

    // Another user's reminder (should the server ever send one) is not shown.
    act(() =>
      sockets[0]?.deliver(frame({ type: "reminder.due", conversationId: conversation.id, scheduledId: "r-0", userId: "someone-else" })),
    );
    act(() => sockets[0]?.deliver(frame({ type: "reminder.due", conversationId: conversation.id, scheduledId: "r-1", userId: agent.id })));

    const reminders = await screen.findByRole("region", { name: "Reminders" });
    await waitFor(() => expect(reminders.textContent).toContain("Reminder: Ligar para a Lia"));
    expect(within(reminders).getAllByRole("alert")).toHaveLength(1);
    fireEvent.click(within(reminders).getByRole("button", { name: "Open conversation" }));
    expect(window.location.hash).toBe(`#/c/${conversation.id}`);
    expect(within(reminders).queryByRole("alert")).toBeNull();
  });

  it("when a scheduled text failed, Send a template opens the picker inside the window, prefilled with the contact's name", async () => {
    const conversation = buildConversation({ contact: buildContact({ name: "Lia Souza" }) });
    renderApp(<InboxRoute userId={agent.id} />, {
      login: buildLogin({ user: agent }),
      routes: routesFor(conversation, () => [
        buildScheduled({ conversationId: conversation.id, status: "failed", errorCode: "scheduling.window_closed" }),
      ]),
    });
    open(conversation.id);
    const strip = await screen.findByRole("region", { name: "Scheduled" });
    fireEvent.click(within(strip).getByRole("button", { name: "Send a template" }));

    fireEvent.click(await screen.findByRole("button", { name: /lembrete_consulta/ }));
    const variable = screen.getByLabelText<HTMLInputElement>("Variable {{1}}");
    expect(variable.value).toBe("Lia");
    expect(screen.getByText("Filled in with the contact's name.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Back to the message" }));
    expect(await screen.findByLabelText("Message")).toBeTruthy();
  });

  it("when the window is closed, a filled template can be scheduled instead of sent", async () => {
    const conversation = buildConversation({
      contact: buildContact({ name: "Lia Souza" }),
      windowOpen: false,
      windowExpiresAt: "2026-01-01T00:00:00.000Z",
    });
    const { fetch } = renderApp(<InboxRoute userId={agent.id} />, {
      login: buildLogin({ user: agent }),
      routes: routesFor(conversation, () => [], [
        {
          method: "POST",
          path: `/api/v1/conversations/${conversation.id}/scheduled-messages`,
          respond: () => json({ scheduled: buildScheduled({ conversationId: conversation.id }), warnings: [] }, 201),
        },
      ]),
    });
    open(conversation.id);
    fireEvent.click(await screen.findByRole("button", { name: /lembrete_consulta/ }));
    fireEvent.click(screen.getByRole("button", { name: "Schedule template" }));

    const dialog = await screen.findByRole("dialog", { name: "Schedule" });
    await within(dialog).findByLabelText("Date");
    expect(dialog.textContent).toContain("Template “lembrete_consulta”");
    // A template may go outside the window: no warning.
    expect(within(dialog).queryByRole("alert")).toBeNull();
    fireEvent.click(within(dialog).getByRole("button", { name: "Schedule" }));

    await waitFor(() => expect(posted(fetch.calls)).toBeTruthy());
    expect(posted(fetch.calls)?.body).toMatchObject({
      kind: "message",
      condition: "always",
      message: {
        type: "template",
        name: "lembrete_consulta",
        language: "pt_BR",
        components: [{ type: "body", parameters: [{ type: "text", text: "Lia" }] }],
      },
    });
  });

  it("when the window is closed, the agent can still set a reminder from beside the templates", async () => {
    const conversation = buildConversation({ windowOpen: false, windowExpiresAt: "2026-01-01T00:00:00.000Z" });
    const { fetch } = renderApp(<InboxRoute userId={agent.id} />, {
      login: buildLogin({ user: agent }),
      routes: routesFor(conversation, () => [], [
        {
          method: "POST",
          path: `/api/v1/conversations/${conversation.id}/scheduled-messages`,
          respond: () => json({ scheduled: buildScheduled({ kind: "reminder", conversationId: conversation.id }), warnings: [] }, 201),
        },
      ]),
    });
    open(conversation.id);
    await screen.findByRole("list", { name: "Approved templates" });
    fireEvent.click(screen.getByRole("button", { name: "Schedule" }));
    const dialog = await screen.findByRole("dialog", { name: "Schedule" });
    fireEvent.click(await within(dialog).findByLabelText(/Just remind me/));
    fireEvent.change(within(dialog).getByLabelText("Reminder"), { target: { value: "Cobrar retorno" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(posted(fetch.calls)?.body).toMatchObject({ kind: "reminder", note: "Cobrar retorno" }));
  });
});
