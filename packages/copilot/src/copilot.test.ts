import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createCopilot } from "./copilot.ts";
import { BudgetExhaustedError, ProviderError } from "./provider/errors.ts";
import { type OpenAITestServer, startOpenAITestServer } from "./testing/openai-server.ts";
import { CapabilityUnavailableError, type CopilotHooks, type RetrievalHit, type Turn } from "./types.ts";

// The built-in engine is other code with its own tests; here it is a fixed stand-in so fallbacks are recognisable.
vi.mock("./builtin/sentiment.ts", () => ({
  analyzeSentiment: () => ({ label: "neutral", score: 0, confidence: 0.3, lowConfidence: true }),
}));
vi.mock("./builtin/suggest.ts", () => ({
  suggestFromHits: () => [{ text: "builtin suggestion", source: { kind: "article", id: "kb-1" }, citations: [] }],
  answerFromHits: () => ({ text: "builtin answer", confidence: 0.5, citation: null }),
}));
vi.mock("./builtin/summary.ts", () => ({ summarizeExtractive: () => ({ text: "builtin summary", points: [] }) }));
vi.mock("./builtin/rewrite.ts", () => ({
  builtinRewriteStyles: new Set(["fix"]),
  rewriteBuiltin: (text: string, style: string) => (style === "fix" ? `fixed: ${text}` : null),
}));

const hits: RetrievalHit[] = [
  { kind: "article", id: "kb-1", title: "Contato", text: "Escreva para suporte@loja.com.br.", score: 2, confidence: 0.8 },
];
const customerText = "Meu CPF é 529.982.247-25 e meu e-mail é ana.souza@example.com";
const turns: Turn[] = [{ role: "customer", text: customerText }];

let server: OpenAITestServer;
beforeAll(async () => {
  server = await startOpenAITestServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function copilotWith(options: { hooks?: CopilotHooks; features?: Record<string, boolean>; timeoutMs?: number; maxRetries?: number } = {}) {
  return createCopilot({
    provider: server.providerConfig({ timeoutMs: options.timeoutMs ?? 3000, maxRetries: options.maxRetries ?? 0 }),
    ...(options.features ? { providerFeatures: options.features } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
    engine: { retryBaseDelayMs: 10 },
  });
}

describe("engine choice", () => {
  it("answers with the built-in engine and says why when no provider is configured", async () => {
    const copilot = createCopilot({});
    expect(copilot.providerConfigured).toBe(false);
    expect(copilot.capabilities.has("translation")).toBe(false);
    expect(copilot.capabilities.has("suggestions")).toBe(true);
    expect(await copilot.sentiment("oi")).toEqual({
      value: { label: "neutral", score: 0, confidence: 0.3, lowConfidence: true },
      engine: "builtin",
      fallback: { reason: "not_configured" },
    });
    await expect(copilot.translate("oi", "en")).rejects.toBeInstanceOf(CapabilityUnavailableError);
    await expect(copilot.transcribe({ data: new Uint8Array([1]), mimeType: "audio/ogg" })).rejects.toBeInstanceOf(
      CapabilityUnavailableError,
    );
    await expect(copilot.rewrite("oi", "formal", "pt")).rejects.toBeInstanceOf(CapabilityUnavailableError);
    expect((await copilot.rewrite("oi", "fix", "pt")).value).toBe("fixed: oi");
  });

  it("uses the provider when configured and reports model and usage", async () => {
    const onUsage = vi.fn();
    const copilot = copilotWith({ hooks: { onUsage } });
    expect(copilot.capabilities.has("translation")).toBe(true);
    expect(copilot.capabilities.has("embeddings")).toBe(true);
    const outcome = await copilot.sentiment("Péssimo, estou com raiva");
    expect(outcome).toMatchObject({ engine: "provider", model: "test-chat", value: { label: "negative" } });
    expect(outcome.fallback).toBeUndefined();
    expect(onUsage).toHaveBeenCalledWith(
      expect.objectContaining({ feature: "sentiment", model: "test-chat", cached: false, maskedItems: 0 }),
    );
    expect(onUsage.mock.calls[0]?.[0].usage.inputTokens).toBeGreaterThan(0);
  });

  it("uses the built-in engine for a feature switched off, and refuses provider-only ones", async () => {
    const copilot = copilotWith({ features: { summary: false, translation: false } });
    expect(await copilot.summarize(turns, "pt")).toMatchObject({ engine: "builtin", fallback: { reason: "disabled" } });
    expect(copilot.capabilities.has("translation")).toBe(false);
    await expect(copilot.translate("oi", "en")).rejects.toBeInstanceOf(CapabilityUnavailableError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("fallback", () => {
  it("falls back to the built-in engine on timeout", async () => {
    server.enqueue({ delayMs: 1000 });
    const outcome = await copilotWith({ timeoutMs: 100 }).summarize(turns, "pt");
    expect(outcome).toMatchObject({ engine: "builtin", value: { text: "builtin summary" }, fallback: { reason: "timeout" } });
  });

  it("retries a 500 and then falls back with reason error", async () => {
    server.enqueue({ status: 500 }, { status: 500 });
    const outcome = await copilotWith({ maxRetries: 1 }).answer({ turns, hits, language: "pt" });
    expect(server.requests).toHaveLength(2);
    expect(outcome).toMatchObject({ engine: "builtin", value: { text: "builtin answer" }, fallback: { reason: "error" } });
  });

  it("does not call the provider when the budget refuses, and falls back", async () => {
    const allowProviderCall = vi.fn(() => false);
    const copilot = copilotWith({ hooks: { allowProviderCall } });
    const outcome = await copilot.suggestReplies({ turns, hits, language: "pt", max: 3 });
    expect(outcome).toMatchObject({ engine: "builtin", fallback: { reason: "budget_exhausted" } });
    expect(allowProviderCall).toHaveBeenCalledWith("suggestions");
    await expect(copilot.translate("oi", "en")).rejects.toBeInstanceOf(BudgetExhaustedError);
    expect(server.requests).toHaveLength(0);
  });

  it("rethrows a typed ProviderError for provider-only features", async () => {
    server.enqueue({ status: 503 });
    const error = await copilotWith()
      .translate("oi", "en")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "http", status: 503 });
  });
});

describe("personal data", () => {
  it("masks what is sent and restores what comes back, including streamed deltas", async () => {
    server.respondWith(() => ({
      content: { suggestions: [{ text: "Ana, enviamos a confirmação para [EMAIL_1], CPF [CPF_1].", sourceIds: ["kb-1"] }] },
    }));
    const deltas: string[] = [];
    const outcome = await copilotWith().suggestReplies({ turns, hits, language: "pt", max: 2, onDelta: (d) => deltas.push(d.text) });

    const sent = JSON.stringify(server.requests[0]?.body);
    expect(sent).not.toContain("529.982.247-25");
    expect(sent).not.toContain("ana.souza@example.com");
    expect(sent).not.toContain("suporte@loja.com.br");
    expect(server.chatRequests()[0]?.data).toMatchObject({ conversation: [{ text: "Meu CPF é [CPF_1] e meu e-mail é [EMAIL_1]" }] });

    const expected = "Ana, enviamos a confirmação para ana.souza@example.com, CPF 529.982.247-25.";
    expect(outcome.value[0]?.text).toBe(expected);
    expect(outcome.value[0]?.citations).toEqual([{ kind: "article", id: "kb-1", title: "Contato" }]);
    expect(deltas.join("")).toBe(expected);
    expect(deltas.some((delta) => delta.includes("[EMAIL"))).toBe(false);
  });

  it("sends text as is when masking is off", async () => {
    await copilotWith({ hooks: { maskPersonalData: false } }).rewrite(customerText, "formal", "pt");
    expect(JSON.stringify(server.requests[0]?.body)).toContain("ana.souza@example.com");
  });
});

describe("cache", () => {
  it("serves a repeated request from the cache without calling the provider, keyed by masked input", async () => {
    const store = new Map<string, unknown>();
    const onUsage = vi.fn();
    const hooks: CopilotHooks = {
      cache: { get: async (key) => store.get(key), set: async (key, value) => void store.set(key, value) },
      onUsage,
    };
    server.respondWith(() => ({ content: "Hello, my e-mail is [EMAIL_1]" }));
    const copilot = copilotWith({ hooks });

    const first = await copilot.translate("Olá, meu e-mail é ana@example.com", "en", "pt");
    expect(first).toMatchObject({ engine: "provider", value: "Hello, my e-mail is ana@example.com" });
    expect(first.cached).toBeUndefined();
    expect(JSON.stringify([...store.values()])).not.toContain("ana@example.com");

    const again = await copilot.translate("Olá, meu e-mail é ana@example.com", "en", "pt");
    expect(again).toMatchObject({ engine: "provider", cached: true, value: "Hello, my e-mail is ana@example.com" });
    // Same masked text, another person's e-mail: the cached answer is restored with this request's value.
    const other = await copilot.translate("Olá, meu e-mail é bruno@example.org", "en", "pt");
    expect(other).toMatchObject({ cached: true, value: "Hello, my e-mail is bruno@example.org" });
    expect(server.requests).toHaveLength(1);
    expect(onUsage).toHaveBeenLastCalledWith(expect.objectContaining({ cached: true, usage: { inputTokens: 0, outputTokens: 0 } }));
  });
});

describe("re-rank and provider check", () => {
  it("re-ranks hits with embeddings and returns the original hits", async () => {
    const two: RetrievalHit[] = [
      ...hits,
      { kind: "canned", id: "c-2", title: "Troca", text: "A troca é gratuita em 30 dias.", score: 1, confidence: 0.6 },
    ];
    const outcome = await copilotWith().rerankHits?.("troca gratuita", two);
    expect(outcome?.engine).toBe("provider");
    expect(outcome?.value.map((hit) => hit.id)).toEqual(["c-2", "kb-1"]);
    expect(outcome?.value[1]).toBe(two[0]);
  });

  it("checks chat, embeddings and transcription, and reports a failing check", async () => {
    const ok = await copilotWith().testProvider();
    expect(ok.ok).toBe(true);
    expect(ok.checks.map((check) => check.capability)).toEqual(["suggestions", "embeddings", "transcription"]);
    expect(server.requests.find((request) => request.path === "/v1/audio/transcriptions")?.file?.type).toBe("audio/ogg");

    server.enqueue({ path: "/v1/chat/completions", status: 401 });
    const failed = await copilotWith().testProvider();
    expect(failed.ok).toBe(false);
    expect(failed.checks[0]).toMatchObject({ capability: "suggestions", ok: false, message: "The AI provider answered HTTP 401." });
    expect((await createCopilot({}).testProvider()).ok).toBe(false);
  });
});
