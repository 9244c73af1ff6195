import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { AiSettings, AiSettingsBody, AiUsage } from "../api/types.ts";
import { AiSettingsAdmin } from "./ai-settings-admin.tsx";

const allOn = { suggestions: true, sentiment: true, summary: true, rewrite: true, translation: true, transcription: true, bot: true };

const builtinOnly: AiSettings = { provider: null, features: allOn, maskPersonalData: true, monthlyTokenBudget: null, updatedAt: null };
const withProvider: AiSettings = {
  provider: {
    baseUrl: "http://localhost:11434/v1",
    chatModel: "llama3.1",
    embeddingModel: "",
    transcriptionModel: "",
    transcriptionAcceptsOgg: false,
    timeoutMs: 15000,
    maxRetries: 2,
    hasApiKey: true,
  },
  features: allOn,
  maskPersonalData: true,
  monthlyTokenBudget: 100000,
  updatedAt: "2026-11-01T00:00:00.000Z",
};
const usage: AiUsage = {
  month: "2026-11",
  budgetTokens: 100000,
  usedTokens: 2500,
  remainingTokens: 97500,
  rows: [{ feature: "sentiment", engine: "provider", requests: 10, inputTokens: 2000, outputTokens: 500, fallbacks: 1, cached: 3 }],
};

function routes(initial: AiSettings, saved: AiSettingsBody[]): FakeRoute[] {
  let current = initial;
  return [
    { path: "/api/v1/workspace/ai", respond: () => json(current) },
    {
      method: "PUT",
      path: "/api/v1/workspace/ai",
      respond: (call) => {
        const body = call.body as AiSettingsBody;
        saved.push(body);
        const { apiKey, ...provider } = body.provider ?? { apiKey: undefined };
        current = {
          ...body,
          provider: body.provider ? { ...(provider as AiSettings["provider"] & object), hasApiKey: apiKey !== "" } : null,
          updatedAt: "2026-11-29T00:00:00.000Z",
        } as AiSettings;
        return json(current);
      },
    },
    { path: "/api/v1/workspace/ai/usage", respond: () => json(usage) },
    {
      method: "POST",
      path: "/api/v1/workspace/ai/test",
      respond: () =>
        json({
          ok: false,
          checks: [
            { capability: "chat", ok: true, ms: 120 },
            { capability: "transcription", ok: false, ms: 30, message: "HTTP 404" },
          ],
        }),
    },
  ];
}

const admin = () => buildLogin({ user: buildUser({ role: "admin" }) });

describe("AI settings admin page", () => {
  it("turns a provider on from a preset and saves without sending an API key the admin did not type", async () => {
    const saved: AiSettingsBody[] = [];
    renderApp(<AiSettingsAdmin />, { login: admin(), routes: routes(builtinOnly, saved) });
    fireEvent.click(await screen.findByLabelText("Use an AI provider"));
    fireEvent.click(screen.getByRole("button", { name: "Ollama" }));
    expect((screen.getByLabelText("Base URL") as HTMLInputElement).value).toBe("http://localhost:11434/v1");
    fireEvent.click(screen.getByLabelText("Voice-note transcription"));
    fireEvent.change(screen.getByLabelText("Monthly token budget"), { target: { value: "50000" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Settings saved.");
    expect(saved).toHaveLength(1);
    const body = saved[0] as AiSettingsBody;
    expect(body.provider?.baseUrl).toBe("http://localhost:11434/v1");
    expect(body.provider).not.toHaveProperty("apiKey");
    expect(body.provider?.timeoutMs).toBe(15000);
    expect(body.features.transcription).toBe(false);
    expect(body.monthlyTokenBudget).toBe(50000);
  });

  it("sends a typed key once, and an empty key only when asked to delete the stored one", async () => {
    const saved: AiSettingsBody[] = [];
    renderApp(<AiSettingsAdmin />, { login: admin(), routes: routes(withProvider, saved) });
    expect(await screen.findByText("A key is stored (encrypted). Type another to replace it.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("API key"), { target: { value: "sk-new" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.provider?.apiKey).toBe("sk-new");
    // The field empties after saving: the key never comes back from the server.
    await waitFor(() => expect((screen.getByLabelText("API key") as HTMLInputElement).value).toBe(""));
    fireEvent.click(screen.getByLabelText("Delete the stored key"));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]?.provider?.apiKey).toBe("");
  });

  it("shows each check of the provider test and this month's usage against the budget", async () => {
    renderApp(<AiSettingsAdmin />, { login: admin(), routes: routes(withProvider, []) });
    fireEvent.click(await screen.findByRole("button", { name: "Test the provider" }));
    const results = await screen.findByRole("list", { name: "Test result" });
    expect(within(results).getByText("chat: ok (120 ms)")).toBeTruthy();
    expect(within(results).getByText("transcription: failed (30 ms) HTTP 404")).toBeTruthy();
    expect(await screen.findByText("2500 of 100000 tokens used (97500 left).")).toBeTruthy();
    const table = screen.getByRole("table", { name: "Usage by feature and engine" });
    expect(within(table).getByRole("row", { name: /sentiment Provider 10 2500 1 3/ })).toBeTruthy();
  });
});
