import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Conversation } from "../../../lib/api-types.ts";
import { buildConversation, buildLogin } from "../../../testing/data-generators.ts";
import { apiError, type FakeCall, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { ScheduledMessage, SchedulingWarning } from "../api/types.ts";
import { buildScheduled } from "../testing/scheduling-fakes.ts";
import { ScheduleDialog } from "./schedule-dialog.tsx";

// Tuesday 1 December 2026, 12:00 in São Paulo.
const NOW = Date.UTC(2026, 11, 1, 15, 0);
const SP = "America/Sao_Paulo";

function renderDialog({
  conversation = buildConversation({ windowExpiresAt: "2026-12-02T10:00:00.000Z" }),
  draft = "Seu pedido saiu.",
  warnings = [],
  postError,
  editing,
}: {
  conversation?: Conversation;
  draft?: string;
  warnings?: SchedulingWarning[];
  postError?: Response;
  editing?: ScheduledMessage;
} = {}) {
  const onClose = vi.fn();
  const onScheduled = vi.fn();
  const onUseTemplate = vi.fn();
  const answer = (call: FakeCall) =>
    postError ?? json({ scheduled: buildScheduled({ conversationId: conversation.id, ...(call.body as object) }), warnings }, 201);
  const result = renderApp(
    <ScheduleDialog
      conversation={conversation}
      draft={draft}
      editing={editing}
      now={NOW}
      onClose={onClose}
      onScheduled={onScheduled}
      onUseTemplate={onUseTemplate}
    />,
    {
      login: buildLogin(),
      routes: [
        { path: "/api/v1/workspace/settings", respond: () => json({ name: "Loja", timeZone: SP }) },
        { method: "POST", path: `/api/v1/conversations/${conversation.id}/scheduled-messages`, respond: answer },
        { method: "PATCH", path: /^\/api\/v1\/scheduled-messages\//, respond: answer },
      ],
    },
  );
  const written = async (method: "POST" | "PATCH") => {
    await waitFor(() => expect(result.fetch.calls.some((c) => c.method === method)).toBe(true));
    return result.fetch.calls.find((c) => c.method === method);
  };
  return { ...result, onClose, onScheduled, onUseTemplate, written };
}

const confirm = () => fireEvent.click(screen.getByRole("button", { name: "Schedule" }));

describe("ScheduleDialog", () => {
  it("when it opens, the draft is the message, an hour from now is offered, and the workspace's zone is named", async () => {
    renderDialog();
    expect((await screen.findByLabelText<HTMLInputElement>("Date")).value).toBe("2026-12-01");
    expect(screen.getByLabelText<HTMLInputElement>("Time").value).toBe("13:00");
    expect(screen.getByLabelText<HTMLTextAreaElement>("Message").value).toBe("Seu pedido saiu.");
    expect(screen.getByText(/\(America\/Sao_Paulo\)$/).textContent).toMatch(/Brasilia|Brasília|UTC−03:00/);
  });

  it("when a date and time are chosen, the body carries the local time in the workspace's zone", async () => {
    const { written, onClose, onScheduled } = renderDialog();
    fireEvent.click(await screen.findByRole("button", { name: "Tomorrow 9am" }));
    expect(screen.getByLabelText<HTMLInputElement>("Date").value).toBe("2026-12-02");
    fireEvent.change(screen.getByLabelText("Time"), { target: { value: "09:30" } });
    confirm();

    const call = await written("POST");
    expect(call?.body).toEqual({
      kind: "message",
      message: { type: "text", body: "Seu pedido saiu." },
      condition: "always",
      sendAtLocal: "2026-12-02T09:30",
    });
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(onScheduled).toHaveBeenCalledTimes(1);
  });

  it("when it is a follow-up, the body says no_reply and the hours", async () => {
    const { written } = renderDialog();
    fireEvent.click(await screen.findByLabelText(/If the customer hasn't replied in N hours/));
    fireEvent.change(screen.getByLabelText("Hours without a reply"), { target: { value: "4" } });
    confirm();
    expect((await written("POST"))?.body).toEqual({
      kind: "message",
      message: { type: "text", body: "Seu pedido saiu." },
      condition: "no_reply",
      afterHours: 4,
    });
  });

  it("when it is a reminder, only the note and the time are sent", async () => {
    const { written } = renderDialog();
    fireEvent.click(await screen.findByLabelText(/Just remind me/));
    expect(screen.queryByLabelText("Message")).toBeNull();
    confirm();
    expect(await screen.findByText("Fill in this field.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Reminder"), { target: { value: "Ligar para a Lia" } });
    fireEvent.click(screen.getByRole("button", { name: "Monday 9am" }));
    confirm();
    expect((await written("POST"))?.body).toEqual({ kind: "reminder", note: "Ligar para a Lia", sendAtLocal: "2026-12-07T09:00" });
  });

  it("when free text would meet a closed window, it says so before confirming and offers a template", async () => {
    const { onUseTemplate, onClose } = renderDialog();
    await screen.findByLabelText("Date");
    expect(screen.queryByText(/window will be closed/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Tomorrow 9am" }));
    fireEvent.change(screen.getByLabelText("Time"), { target: { value: "08:00" } });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("The 24-hour window will be closed at that time");
    fireEvent.click(within(alert).getByRole("button", { name: "Use a template" }));
    expect(onClose).toHaveBeenCalled();
    expect(onUseTemplate).toHaveBeenCalled();
  });

  it("when the server warns after scheduling, the warning stays on screen with the template hint", async () => {
    const warning: SchedulingWarning = {
      code: "scheduling.window_closed_at_send_time",
      message: "The window will be closed",
      details: { windowExpiresAt: "2026-12-01T10:00:00.000Z", use: "template" },
    };
    const { onClose } = renderDialog({ warnings: [warning] });
    fireEvent.click(await screen.findByRole("button", { name: "Tomorrow 9am" }));
    confirm();
    expect(await screen.findByText(/^Scheduled for /)).toBeTruthy();
    const list = screen.getByRole("list", { name: "Warnings" });
    expect(list.textContent).toContain("The 24-hour window will be closed at that time");
    expect(within(list).getByRole("button", { name: "Use a template" })).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });

  it("when the time is in the past, it is refused before any request", async () => {
    const { fetch } = renderDialog();
    fireEvent.change(await screen.findByLabelText("Time"), { target: { value: "11:00" } });
    expect(screen.getByText("Choose a time in the future.")).toBeTruthy();
    confirm();
    expect(fetch.calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("when the server refuses, its reason shows beside the field it names", async () => {
    renderDialog({
      postError: json(
        { error: { code: "request.invalid", message: "invalid", details: { issues: [{ field: "body.afterHours", message: "too big" }] } } },
        422,
      ),
    });
    fireEvent.click(await screen.findByLabelText(/If the customer hasn't replied in N hours/));
    confirm();
    expect(await screen.findByText("A field is not valid.")).toBeTruthy();
  });

  it("when an item is edited, the form starts from its values and a PATCH without the kind is sent", async () => {
    const editing = buildScheduled({ id: "s-9" });
    const { written } = renderDialog({ editing, draft: "" });
    expect((await screen.findByLabelText<HTMLInputElement>("Date")).value).toBe("2026-12-02");
    expect(screen.getByLabelText<HTMLInputElement>("Time").value).toBe("09:00");
    expect(screen.queryByLabelText(/Just remind me/)).toBeNull();
    fireEvent.change(screen.getByLabelText("Message"), { target: { value: "Seu pedido saiu hoje." } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    const call = await written("PATCH");
    expect(call?.path).toBe("/api/v1/scheduled-messages/s-9");
    expect(call?.body).toEqual({
      message: { type: "text", body: "Seu pedido saiu hoje." },
      condition: "always",
      sendAtLocal: "2026-12-02T09:00",
    });
  });

  it("when it went meanwhile, the 409 is explained", async () => {
    renderDialog({ editing: buildScheduled(), postError: apiError(409, "scheduling.not_editable") });
    fireEvent.click(await screen.findByRole("button", { name: "Save" }));
    expect((await screen.findByText(/already been processed/)).textContent).toContain("Could not schedule");
  });
});
