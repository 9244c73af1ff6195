import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type OpenAITestServer, startOpenAITestServer, testEmbedding } from "./openai-server.ts";

let server: OpenAITestServer;
beforeAll(async () => {
  server = await startOpenAITestServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const post = (path: string, body: unknown) =>
  fetch(`${server.baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const chatBody = (data: unknown, schemaName?: string, schema: unknown = { type: "object" }) => ({
  model: "test-chat",
  messages: [
    { role: "system", content: "Translate data.text into Spanish." },
    { role: "user", content: `note\n<data>\n${JSON.stringify(data)}\n</data>` },
  ],
  ...(schemaName ? { response_format: { type: "json_schema", json_schema: { name: schemaName, schema } } } : {}),
});

const contentOf = async (response: Response) =>
  ((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content;

describe("local OpenAI-compatible test server", () => {
  it("lists its models", async () => {
    const response = await fetch(`${server.baseUrl}/models`);
    expect(((await response.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id)).toEqual([
      "test-chat",
      "test-embed",
      "test-whisper",
    ]);
  });

  it("answers known schemas from the prompt's data and any other schema with a minimal valid object", async () => {
    const sources = [{ id: "kb-7", title: "Entrega", text: "Até 5 dias." }];
    expect(JSON.parse((await contentOf(await post("/chat/completions", chatBody({ sources }, "bot_answer")))) ?? "")).toEqual({
      answer: "Até 5 dias.",
      articleId: "kb-7",
      confidence: 0.9,
      wantsHuman: false,
    });
    const schema = {
      type: "object",
      properties: {
        kind: { enum: ["a", "b"] },
        n: { type: "number", minimum: 2 },
        tags: { type: "array" },
        note: { type: ["string", "null"] },
      },
    };
    expect(JSON.parse((await contentOf(await post("/chat/completions", chatBody({}, "other", schema)))) ?? "")).toEqual({
      kind: "a",
      n: 2,
      tags: [],
      note: "ok",
    });
    expect(await contentOf(await post("/chat/completions", chatBody({ text: "hola" })))).toBe("[es] hola");
    expect(server.chatRequests().map((r) => r.schemaName)).toEqual(["bot_answer", "other", undefined]);
  });

  it("streams SSE chunks ending with usage and [DONE]", async () => {
    server.enqueue({ content: "Olá, tudo bem com você?" });
    const response = await post("/chat/completions", { ...chatBody({}), stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const events = (await response.text()).split("\n\n").filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, "")));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? "").join("")).toBe("Olá, tudo bem com você?");
    expect(chunks.at(-1).usage.completion_tokens).toBeGreaterThan(0);
  });

  it("plays scripted faults in order, for the path they name", async () => {
    server.enqueue({ path: "/v1/embeddings", status: 429, headers: { "retry-after": "1" } }, { raw: "{oops" });
    const malformed = await post("/chat/completions", chatBody({}));
    expect(await malformed.text()).toBe("{oops");
    const limited = await post("/embeddings", { input: "x" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await post("/nowhere", {})).status).toBe(404);
  });

  it("gives similar texts close embeddings", () => {
    const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
    const base = testEmbedding("prazo de entrega do pedido");
    expect(dot(base, testEmbedding("qual o prazo de entrega?"))).toBeGreaterThan(dot(base, testEmbedding("trocar a senha da conta")));
  });
});
