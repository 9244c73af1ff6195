import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Message, MessageInsights } from "../../../lib/api-types.ts";
import { buildLogin, buildMessage } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { MessageExtras } from "./message-extras.tsx";
import { MessageSentiment } from "./sentiment-badge.tsx";

const insights = (overrides: Partial<MessageInsights>): MessageInsights => ({
  language: null,
  sentiment: null,
  transcript: null,
  ...overrides,
});

function renderExtras(message: Message, { routes = [] as FakeRoute[], locale = "en" } = {}) {
  return renderApp(<MessageExtras message={message} />, { login: buildLogin(), routes, locale });
}

const translationRoute = (message: Message): FakeRoute => ({
  path: `/api/v1/messages/${message.id}/translation`,
  respond: (call) => json({ text: "Where is my order?", from: "pt", to: call.query.get("to"), engine: "provider", cached: false }),
});

describe("Message translation", () => {
  it("when a customer wrote in another language than the console's, Translate shows the translation beside the original", async () => {
    const message = buildMessage({ text: "Cadê meu pedido?", insights: insights({ language: "pt" }) });
    const { fetch } = renderExtras(message, { routes: [translationRoute(message)] });

    fireEvent.click(screen.getByRole("button", { name: "Translate into English" }));

    expect(await screen.findByText("Where is my order?")).toBeTruthy();
    expect(screen.getByText("Translated from Portuguese into English · Provider AI")).toBeTruthy();
    expect(fetch.calls.find((c) => c.path.endsWith("/translation"))?.query.get("to")).toBe("en");
  });

  it("when the translation is hidden and shown again, it comes from the cache without a second request", async () => {
    const message = buildMessage({ text: "Cadê meu pedido?", insights: insights({ language: "pt" }) });
    const { fetch } = renderExtras(message, { routes: [translationRoute(message)] });
    fireEvent.click(screen.getByRole("button", { name: "Translate into English" }));
    await screen.findByText("Where is my order?");

    fireEvent.click(screen.getByRole("button", { name: "Hide translation" }));
    fireEvent.click(screen.getByRole("button", { name: "Translate into English" }));

    expect(screen.getByText("Where is my order?")).toBeTruthy();
    expect(fetch.calls.filter((c) => c.path.endsWith("/translation"))).toHaveLength(1);
  });

  it("when the message is in the console's language, or the agent sent it, there is nothing to translate", () => {
    renderExtras(buildMessage({ text: "Where is it?", insights: insights({ language: "en" }) }));
    renderExtras(buildMessage({ direction: "outbound", text: "Já enviamos.", insights: insights({ language: "pt" }) }));
    renderExtras(buildMessage({ text: "Cadê?", insights: insights({ language: "pt" }) }), { locale: "pt-BR" });

    expect(screen.queryByRole("button", { name: /Translate|Traduzir/ })).toBeNull();
  });

  it("when no provider is configured, the 422 message is shown", async () => {
    const message = buildMessage({ text: "Cadê meu pedido?", insights: insights({ language: "pt" }) });
    renderExtras(message, {
      routes: [{ path: `/api/v1/messages/${message.id}/translation`, respond: () => apiError(422, "copilot.capability_unavailable") }],
    });

    fireEvent.click(screen.getByRole("button", { name: "Translate into English" }));

    expect((await screen.findByRole("alert")).textContent).toBe("Could not translate: Configure an AI provider to use this feature.");
  });
});

describe("Voice note transcript", () => {
  const voice = (transcript: MessageInsights["transcript"]) =>
    buildMessage({
      type: "audio",
      text: null,
      media: { id: "m1", mimeType: "audio/ogg", filename: null, size: 10, status: "stored", voice: true },
      insights: insights({ transcript }),
    });

  it("when it is being transcribed, it says so", () => {
    renderExtras(voice({ status: "pending" }));
    expect(screen.getByRole("status").textContent).toBe("Transcribing…");
  });

  it("when it is done, the text shows under the player", () => {
    renderExtras(voice({ status: "done", text: "Oi, queria saber do meu pedido.", language: "pt", engine: "provider" }));
    expect(screen.getByRole("figure", { name: "Transcript" }).textContent).toContain("Oi, queria saber do meu pedido.");
  });

  it("when there is no engine to transcribe, it says to configure a provider", () => {
    renderExtras(voice({ status: "unavailable", reason: "not_configured" }), { locale: "pt-BR" });
    expect(screen.getByText("Transcrição indisponível — configure um provedor de IA.")).toBeTruthy();
  });

  it("when transcribing failed, it says so", () => {
    renderExtras(voice({ status: "failed" }));
    expect(screen.getByText("This audio could not be transcribed.")).toBeTruthy();
  });
});

describe("Bot message", () => {
  it("when the bot cited an article, its title shows under the answer", () => {
    renderExtras(
      buildMessage({
        direction: "outbound",
        senderKind: "bot",
        text: "Entregamos em 3 dias úteis.",
        content: {
          request: { type: "text", body: "Entregamos em 3 dias úteis." },
          bot: { citation: { kind: "article", id: "a1", title: "Prazos de entrega" }, engine: "builtin" },
        },
      }),
    );
    expect(screen.getByText("Source: Prazos de entrega")).toBeTruthy();
  });

  it("when an agent's message carries no bot note, no source is shown", () => {
    renderExtras(buildMessage({ direction: "outbound", content: { bot: { citation: { kind: "article", id: "a1", title: "X" } } } }));
    expect(screen.queryByText(/Source:/)).toBeNull();
  });
});

describe("Message sentiment marker", () => {
  it("when a customer message has a sentiment, the marker names label, score, engine and low confidence", async () => {
    renderApp(
      <MessageSentiment
        message={buildMessage({
          insights: insights({ sentiment: { label: "negative", score: -0.624, confidence: 0.4, lowConfidence: true, engine: "builtin" } }),
        })}
      />,
      { login: buildLogin(), locale: "pt-BR" },
    );

    const marker = screen.getByRole("img");
    await waitFor(() => expect(marker.getAttribute("aria-label")).toBe("Sentimento: negativo (-0,62) · Motor embutido · baixa confiança"));
    expect(marker.getAttribute("title")).toBe(marker.getAttribute("aria-label"));
  });

  it("when the message is the business's, no marker shows", () => {
    renderApp(
      <MessageSentiment
        message={buildMessage({
          direction: "outbound",
          insights: insights({ sentiment: { label: "positive", score: 0.8, confidence: 0.9, lowConfidence: false, engine: "provider" } }),
        })}
      />,
      { login: buildLogin() },
    );
    expect(screen.queryByRole("img")).toBeNull();
  });
});
