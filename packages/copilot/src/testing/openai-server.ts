/**
 * A local OpenAI-compatible server for tests: a real HTTP server on 127.0.0.1 (random port) speaking the parts of the
 * OpenAI wire protocol Papo uses, so the provider engine is exercised end to end without network.
 *
 * Endpoints (under /v1):
 * - `POST /chat/completions` — non-streamed JSON, or SSE (`data: {...}\n\n` chunks, a usage chunk when
 *   `stream_options.include_usage`, then `data: [DONE]`) when `stream: true`.
 * - `POST /embeddings` — deterministic 64-dimension vectors from hashed, accent-folded words (similar texts are close).
 * - `POST /audio/transcriptions` — multipart; answers "transcrição de teste" (json or verbose_json) and records the
 *   received file's name, mime type, size and first bytes (tests check WAV vs OGG).
 * - `GET /models` — the configured model ids.
 *
 * Scripting (per test):
 * - `server.enqueue(reply, …)` queues replies consumed in order by the next requests (a reply's `path` limits it to one
 *   endpoint, e.g. "/v1/chat/completions");
 * - `server.respondWith(fn)` sets a responder `(request) => reply | undefined` consulted when the queue is empty;
 * - a reply (`TestReply`) gives `content` (the assistant text, or an object sent as JSON text), `json` (the whole
 *   response body), `raw` (sent as is: malformed JSON), `transcript`, `status` + `headers` (429, 500, 401, Retry-After),
 *   `delayMs` (for timeouts), `breakStreamAfter` (cut a stream mid-answer), `usage`; `undefined` = default behaviour.
 *
 * Default behaviour (nothing scripted), useful for server and e2e tests: structured-output requests get a valid object
 * for the known schema names — `sentiment` (from a few negative/positive words), `bot_answer` and `suggestions` (from the
 * first source in the prompt's data, or a low-confidence clarifying answer without one), `summary` — and a minimal
 * valid object for any other schema; plain chat echoes the first source's text, the draft (rewrite) or the text
 * prefixed with the target language (translate: "[en] …"); anything else answers "ok".
 *
 * Every request is recorded in `server.requests` (method, path, headers, parsed JSON body or multipart fields/file);
 * `server.chatRequests()` splits chat requests into system prompt, user message and the parsed <data> JSON.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ProviderConfig } from "../types.ts";

export interface RecordedFile {
  name: string;
  type: string;
  size: number;
  /** The first 16 bytes ("RIFF…WAVE" for WAV, "OggS" for OGG). */
  firstBytes: Uint8Array;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body (chat, embeddings); undefined for multipart and GET. */
  body: unknown;
  /** Multipart text fields (transcriptions). */
  fields?: Record<string, string>;
  file?: RecordedFile;
}

export interface TestReply {
  /** Only requests to this path take the reply (e.g. "/v1/chat/completions"); absent = any. */
  path?: string;
  status?: number;
  headers?: Record<string, string>;
  /** Wait before answering (to trip timeouts). */
  delayMs?: number;
  /** Chat: the assistant message; an object is sent as its JSON text. */
  content?: string | object;
  /** The whole JSON response body. */
  json?: unknown;
  /** Sent as is (e.g. malformed JSON). */
  raw?: string;
  /** Transcriptions: the transcript text. */
  transcript?: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Streamed chat: cut the connection after this many characters of content (a provider dying mid-answer). */
  breakStreamAfter?: number;
}

export type Responder = (request: RecordedRequest) => TestReply | undefined | Promise<TestReply | undefined>;

export interface ChatRequestView {
  model: string;
  stream: boolean;
  system: string;
  user: string;
  /** The JSON between <data> and </data> in the user message, when there is one. */
  data: unknown;
  /** `response_format.json_schema.name` when structured output was asked. */
  schemaName: string | undefined;
}

export interface OpenAITestServer {
  /** http://127.0.0.1:port */
  readonly url: string;
  /** url + "/v1": what goes into ProviderConfig.baseUrl. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  enqueue(...replies: TestReply[]): void;
  respondWith(responder: Responder | undefined): void;
  chatRequests(): ChatRequestView[];
  /** Forgets recorded requests, queued replies and the responder. */
  reset(): void;
  /** A ProviderConfig pointing at this server (chat, embedding and transcription models set). */
  providerConfig(overrides?: Partial<ProviderConfig>): ProviderConfig;
  close(): Promise<void>;
}

export const defaultTranscript = "transcrição de teste";

const negativeWords = [
  "ruim",
  "péssim",
  "horrível",
  "absurdo",
  "raiva",
  "terrible",
  "awful",
  "angry",
  "worst",
  "malo",
  "pésim",
  "horrible",
];
const positiveWords = ["obrigad", "ótimo", "excelente", "adorei", "thanks", "great", "love", "gracias", "excelente", "genial"];

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
}

/** The smallest value valid against a JSON schema (for unknown schema names). */
function minimalValue(schema: JsonSchema | undefined): unknown {
  if (!schema) return null;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf?.[0]) return minimalValue(schema.anyOf[0]);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, minimalValue(value)]));
    case "array":
      return [];
    case "string":
      return "ok";
    case "number":
    case "integer":
      return Math.max(schema.minimum ?? 0, 0);
    case "boolean":
      return false;
    default:
      return null;
  }
}

interface PromptData {
  message?: string;
  text?: string;
  draft?: string;
  conversation?: Array<{ role: string; text: string }>;
  sources?: Array<{ id: string; title: string; text: string }>;
}

export function parsePromptData(user: string): unknown {
  const match = /<data>\n?([\s\S]*?)\n?<\/data>/.exec(user);
  if (!match?.[1]) return undefined;
  try {
    return JSON.parse(match[1]);
  } catch {
    return undefined;
  }
}

function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part: { text?: unknown }) => (typeof part.text === "string" ? part.text : "")).join("");
  return "";
}

function viewChat(body: unknown): ChatRequestView {
  const request = body as {
    model?: string;
    stream?: boolean;
    messages?: Array<{ role: string; content: unknown }>;
    response_format?: { type?: string; json_schema?: { name?: string } };
  };
  const messages = request.messages ?? [];
  const system = messages
    .filter((m) => m.role === "system")
    .map((m) => messageText(m.content))
    .join("\n");
  const user = messages
    .filter((m) => m.role === "user")
    .map((m) => messageText(m.content))
    .join("\n");
  return {
    model: request.model ?? "",
    stream: request.stream === true,
    system,
    user,
    data: parsePromptData(user),
    schemaName: request.response_format?.json_schema?.name,
  };
}

function defaultObject(view: ChatRequestView, schema: JsonSchema | undefined): unknown {
  const data = (view.data ?? {}) as PromptData;
  const source = data.sources?.[0];
  const lastCustomer = [...(data.conversation ?? [])].reverse().find((turn) => turn.role === "customer")?.text ?? "";
  switch (view.schemaName) {
    case "sentiment": {
      const text = (data.message ?? "").toLowerCase();
      if (negativeWords.some((word) => text.includes(word))) return { label: "negative", score: -0.8, confidence: 0.9 };
      if (positiveWords.some((word) => text.includes(word))) return { label: "positive", score: 0.8, confidence: 0.9 };
      return { label: "neutral", score: 0, confidence: 0.8 };
    }
    case "bot_answer":
      return source
        ? { answer: source.text, articleId: source.id, confidence: 0.9, wantsHuman: false }
        : { answer: "Pode me dar mais detalhes?", articleId: null, confidence: 0.1, wantsHuman: false };
    case "suggestions":
      return {
        suggestions: source
          ? [{ text: source.text, sourceIds: [source.id] }]
          : [{ text: "Pode me dar mais detalhes, por favor?", sourceIds: [] }],
      };
    case "summary":
      return { text: `Resumo: ${lastCustomer}`.trim(), points: lastCustomer ? [lastCustomer] : [] };
    default:
      return minimalValue(schema);
  }
}

function defaultText(view: ChatRequestView): string {
  const data = (view.data ?? {}) as PromptData;
  if (typeof data.draft === "string") return data.draft;
  if (typeof data.text === "string") {
    const to = /into (Brazilian Portuguese|English|Spanish)/.exec(view.system)?.[1];
    const code = to === "English" ? "en" : to === "Spanish" ? "es" : "pt";
    return `[${code}] ${data.text}`;
  }
  if (data.sources?.[0]) return data.sources[0].text;
  return "ok";
}

/** Deterministic bag-of-hashed-words vector: texts sharing words point the same way. */
export function testEmbedding(text: string, dimensions = 64): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 2);
  for (const word of words) {
    let hash = 2166136261;
    for (const char of word) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
    vector[(hash >>> 0) % dimensions] = (vector[(hash >>> 0) % dimensions] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(", ") : (value ?? "")]),
  );
}

async function recordRequest(req: IncomingMessage, url: URL): Promise<RecordedRequest> {
  const headers = headerRecord(req);
  const raw = await readBody(req);
  const recorded: RecordedRequest = { method: req.method ?? "GET", path: url.pathname, headers, body: undefined };
  const type = headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await new Request(url, { method: "POST", headers: { "content-type": type }, body: raw }).formData();
    recorded.fields = {};
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") recorded.fields[name] = value;
      else {
        const bytes = new Uint8Array(await value.arrayBuffer());
        recorded.file = { name: value.name, type: value.type, size: bytes.length, firstBytes: bytes.slice(0, 16) };
      }
    }
  } else if (raw.length > 0) {
    try {
      recorded.body = JSON.parse(raw.toString("utf8"));
    } catch {
      recorded.body = raw.toString("utf8");
    }
  }
  return recorded;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function chatCompletion(view: ChatRequestView, content: string, usage: { prompt_tokens: number; completion_tokens: number }) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: view.model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

function streamChat(
  res: ServerResponse,
  view: ChatRequestView,
  content: string,
  usage: { prompt_tokens: number; completion_tokens: number },
  includeUsage: boolean,
  breakAfter: number | undefined,
): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const base = { id: "chatcmpl-test", object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: view.model };
  const write = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
  write({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
  // Small pieces so a JSON answer arrives split mid-string, as real providers stream it.
  for (let i = 0; i < content.length; i += 7) {
    if (breakAfter !== undefined && i >= breakAfter) {
      // Let the chunks written so far reach the client before the connection drops.
      setTimeout(() => res.destroy(), 50);
      return;
    }
    write({ ...base, choices: [{ index: 0, delta: { content: content.slice(i, i + 7) }, finish_reason: null }] });
  }
  write({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
  if (includeUsage) write({ ...base, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } });
  res.write("data: [DONE]\n\n");
  res.end();
}

export async function startOpenAITestServer(options: { responder?: Responder; models?: string[] } = {}): Promise<OpenAITestServer> {
  const requests: RecordedRequest[] = [];
  let queue: TestReply[] = [];
  let responder = options.responder;
  const models = options.models ?? ["test-chat", "test-embed", "test-whisper"];

  function takeQueued(path: string): TestReply | undefined {
    const index = queue.findIndex((reply) => reply.path === undefined || reply.path === path);
    if (index < 0) return undefined;
    const [reply] = queue.splice(index, 1);
    return reply;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request = await recordRequest(req, url);
    requests.push(request);
    const reply = takeQueued(request.path) ?? (await responder?.(request));

    if (reply?.delayMs) {
      const closed = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), reply.delayMs);
        res.once("close", () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (closed || res.destroyed) return;
    }
    if (reply?.status && reply.status >= 400) {
      sendJson(res, reply.status, reply.json ?? { error: { message: `scripted ${reply.status}`, type: "test_error" } }, reply.headers);
      return;
    }
    if (reply?.raw !== undefined) {
      res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
      res.end(reply.raw);
      return;
    }
    if (reply?.json !== undefined) {
      sendJson(res, reply.status ?? 200, reply.json, reply.headers);
      return;
    }

    if (request.method === "GET" && request.path === "/v1/models") {
      sendJson(res, 200, { object: "list", data: models.map((id) => ({ id, object: "model", owned_by: "papo-test" })) });
      return;
    }
    if (request.method === "POST" && request.path === "/v1/chat/completions") {
      const view = viewChat(request.body);
      const body = request.body as {
        response_format?: { type?: string; json_schema?: { schema?: JsonSchema } };
        stream_options?: { include_usage?: boolean };
      };
      let content: string;
      if (reply?.content !== undefined) content = typeof reply.content === "string" ? reply.content : JSON.stringify(reply.content);
      else if (body.response_format?.type === "json_schema" || body.response_format?.type === "json_object") {
        content = JSON.stringify(defaultObject(view, body.response_format.json_schema?.schema));
      } else content = defaultText(view);
      const usage = reply?.usage ?? { prompt_tokens: countTokens(view.system + view.user), completion_tokens: countTokens(content) };
      if (view.stream) streamChat(res, view, content, usage, body.stream_options?.include_usage === true, reply?.breakStreamAfter);
      else sendJson(res, 200, chatCompletion(view, content, usage), reply?.headers);
      return;
    }
    if (request.method === "POST" && request.path === "/v1/embeddings") {
      const body = request.body as { input?: string | string[]; model?: string };
      const inputs = Array.isArray(body.input) ? body.input : [body.input ?? ""];
      const tokens = inputs.reduce((sum, text) => sum + countTokens(text), 0);
      sendJson(res, 200, {
        object: "list",
        data: inputs.map((text, index) => ({ object: "embedding", index, embedding: testEmbedding(text) })),
        model: body.model ?? "",
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
      return;
    }
    if (request.method === "POST" && request.path === "/v1/audio/transcriptions") {
      const text = reply?.transcript ?? defaultTranscript;
      const language = request.fields?.language ?? "pt";
      if (request.fields?.response_format === "verbose_json") {
        sendJson(res, 200, { task: "transcribe", language, duration: 1, text, segments: [{ id: 0, start: 0, end: 1, text }] });
      } else sendJson(res, 200, { text });
      return;
    }
    sendJson(res, 404, { error: { message: `no route ${request.method} ${request.path}`, type: "not_found" } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: "test_server_error" } });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrl: `${url}/v1`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    respondWith: (next) => {
      responder = next;
    },
    chatRequests: () => requests.filter((request) => request.path === "/v1/chat/completions").map((request) => viewChat(request.body)),
    reset: () => {
      requests.length = 0;
      queue = [];
      responder = options.responder;
    },
    providerConfig: (overrides = {}) => ({
      baseUrl: `${url}/v1`,
      apiKey: "test-key",
      chatModel: models[0] ?? "test-chat",
      embeddingModel: models[1] ?? "test-embed",
      transcriptionModel: models[2] ?? "test-whisper",
      transcriptionAcceptsOgg: true,
      timeoutMs: 5000,
      maxRetries: 1,
      ...overrides,
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
