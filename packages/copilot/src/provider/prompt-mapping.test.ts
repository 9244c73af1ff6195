import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { parsePromptData } from "../testing/openai-server.ts";
import type { RetrievalHit } from "../types.ts";
import { createProviderEngine } from "./engine.ts";

const config = {
  baseUrl: "http://127.0.0.1:1/v1",
  apiKey: "",
  chatModel: "mock",
  embeddingModel: "",
  transcriptionModel: "",
  transcriptionAcceptsOgg: false,
  timeoutMs: 2000,
  maxRetries: 0,
};

function modelAnswering(text: string) {
  return new MockLanguageModelV3({
    doGenerate: {
      content: [{ type: "text", text }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 42, noCache: 42, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 7, text: 7, reasoning: undefined },
      },
      warnings: [],
    },
  });
}

describe("prompt and response mapping (AI SDK mock model)", () => {
  it("sends a fixed system prompt, the data as JSON in one user message and a json response format", async () => {
    const model = modelAnswering(JSON.stringify({ answer: "Até 5 dias úteis.", articleId: "kb-1", confidence: 0.8, wantsHuman: true }));
    const engine = createProviderEngine(config, { chatModel: model, canary: "CANARY-1" });
    const hits: RetrievalHit[] = [{ kind: "article", id: "kb-1", title: "Entrega", text: "Até 5 dias úteis.", score: 2, confidence: 0.7 }];
    const result = await engine.answer({
      turns: [{ role: "customer", text: "cadê meu pedido? quero um atendente" }],
      hits,
      language: "es",
    });

    expect(result).toEqual({
      value: { text: "Até 5 dias úteis.", confidence: 0.8, citation: { kind: "article", id: "kb-1", title: "Entrega" }, wantsHuman: true },
      usage: { inputTokens: 42, outputTokens: 7 },
      model: "mock",
    });
    const call = model.doGenerateCalls[0];
    if (!call) throw new Error("the model was not called");
    expect(call.prompt.map((message) => message.role)).toEqual(["system", "user"]);
    const [system, user] = call.prompt;
    expect(system?.content).toEqual(expect.stringContaining("CANARY-1"));
    expect(system?.content).toEqual(expect.stringContaining("in Spanish"));
    const userText = user?.role === "user" ? user.content.map((part) => (part.type === "text" ? part.text : "")).join("") : "";
    expect(parsePromptData(userText)).toEqual({
      conversation: [{ role: "customer", text: "cadê meu pedido? quero um atendente" }],
      sources: [{ id: "kb-1", kind: "article", title: "Entrega", text: "Até 5 dias úteis." }],
    });
    expect(call.responseFormat).toMatchObject({ type: "json", name: "bot_answer" });
  });

  it("caps the confidence of an answer when there were no sources to ground it", async () => {
    const model = modelAnswering(JSON.stringify({ answer: "Claro!", articleId: null, confidence: 0.99, wantsHuman: false }));
    const engine = createProviderEngine(config, { chatModel: model });
    const result = await engine.answer({ turns: [{ role: "customer", text: "e aí?" }], hits: [], language: "pt" });
    expect(result.value.confidence).toBe(0.3);
    expect(result.value.citation).toBeNull();
  });
});
