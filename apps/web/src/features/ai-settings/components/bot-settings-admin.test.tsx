import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { BotSettings } from "../api/types.ts";
import { BotSettingsAdmin } from "./bot-settings-admin.tsx";

const replies = { pt: "Já chamo um atendente.", en: "An agent will be with you.", es: "Ya llamo a un agente." };
const off: BotSettings = {
  mode: "off",
  confidenceThreshold: 0.5,
  negativeSentimentThreshold: 0.5,
  humanOnlyTopics: [],
  businessHours: null,
  outsideHoursReply: replies,
  handoffReply: replies,
};

function routes(saved: BotSettings[]): FakeRoute[] {
  return [
    {
      path: "/api/v1/channels",
      respond: () => json({ data: [{ id: "ch-1", name: "Loja", displayPhoneNumber: "+55 11 4000-0000" }], nextCursor: null }),
    },
    { path: "/api/v1/channels/ch-1/bot", respond: () => json(off) },
    {
      method: "PUT",
      path: "/api/v1/channels/ch-1/bot",
      respond: (call) => {
        saved.push(call.body as BotSettings);
        return json(call.body);
      },
    },
  ];
}

describe("hybrid bot admin page", () => {
  it("saves bot-first mode with human-only topics and business hours in the channel's time zone", async () => {
    const saved: BotSettings[] = [];
    renderApp(<BotSettingsAdmin />, { login: buildLogin({ user: buildUser({ role: "admin" }) }), routes: routes(saved) });
    fireEvent.change(await screen.findByLabelText("Mode"), { target: { value: "bot_first" } });
    fireEvent.change(screen.getByLabelText("Human-only topics"), { target: { value: "reembolso\ncancelamento, jurídico" } });
    fireEvent.click(screen.getByLabelText("Hand off outside business hours"));
    fireEvent.change(screen.getByLabelText("Saturday"), { target: { value: "09:00-13:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Bot saved.");
    const body = saved[0] as BotSettings;
    expect(body.mode).toBe("bot_first");
    expect(body.humanOnlyTopics).toEqual(["reembolso", "cancelamento", "jurídico"]);
    expect(body.businessHours?.timezone).toBe("America/Sao_Paulo");
    expect(body.businessHours?.days.mon).toEqual([{ start: "09:00", end: "18:00" }]);
    expect(body.businessHours?.days.sat).toEqual([{ start: "09:00", end: "13:00" }]);
    expect(body.businessHours?.days.sun).toEqual([]);
  });

  it("refuses to save hours it cannot read, naming the day", async () => {
    const saved: BotSettings[] = [];
    renderApp(<BotSettingsAdmin />, { login: buildLogin({ user: buildUser({ role: "admin" }) }), routes: routes(saved) });
    fireEvent.click(await screen.findByLabelText("Hand off outside business hours"));
    fireEvent.change(screen.getByLabelText("Monday"), { target: { value: "9h às 18h" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByLabelText("Monday").getAttribute("aria-invalid")).toBe("true"));
    expect(saved).toHaveLength(0);
  });
});
