import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ConversationAi } from "../../../lib/api-types.ts";
import { buildLogin } from "../../../testing/data-generators.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { AttentionMarker, SentimentBadge } from "./sentiment-badge.tsx";

const ai = (overrides: Partial<ConversationAi>): ConversationAi => ({
  language: "pt",
  sentiment: null,
  needsAttention: false,
  ...overrides,
});

describe("Sentiment badge", () => {
  it.each([
    ["pt-BR", "negative", "worsening", "Sentimento: negativo, piorando"],
    ["en", "positive", "improving", "Sentiment: positive, improving"],
    ["es", "neutral", "steady", "Sentimiento: neutral, estable"],
  ] as const)("when the locale is %s and the mood is %s and %s, its label says so", (locale, label, trend, expected) => {
    renderApp(<SentimentBadge ai={ai({ sentiment: { label, score: 0, trend } })} />, { login: buildLogin(), locale });

    expect(screen.getByTitle(expected).textContent).toContain(expected);
  });

  it("when the conversation has no sentiment yet, nothing shows", () => {
    const { container } = renderApp(<SentimentBadge ai={ai({})} />, { login: buildLogin() });
    expect(container.textContent).toBe("");
  });

  it("when a supervisor should look at the conversation, the attention marker shows with its reason", () => {
    renderApp(<AttentionMarker ai={ai({ needsAttention: true })} />, { login: buildLogin() });
    expect(screen.getByTitle("Very unhappy customer waiting for an answer").textContent).toContain("Attention");
  });

  it("when it does not need attention, there is no marker", () => {
    const { container } = renderApp(<AttentionMarker ai={ai({ needsAttention: false })} />, { login: buildLogin() });
    expect(container.textContent).toBe("");
  });
});
