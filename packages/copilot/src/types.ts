/**
 * The copilot's shared vocabulary: what every engine takes and returns. The server stores these shapes and the console
 * shows them, so a field added here is a field added to Papo's API.
 */

/** The languages Papo's console and built-in engine understand. */
export const languages = ["pt", "en", "es"] as const;
export type Language = (typeof languages)[number];

/** Which engine produced a result: the model-free built-in one or the workspace's OpenAI-compatible provider. */
export type EngineName = "builtin" | "provider";

/** What an engine can be asked to do; the console greys out what no configured engine can do. */
export const capabilities = [
  "language",
  "sentiment",
  "handoff",
  "retrieval",
  "suggestions",
  "summary",
  "rewrite",
  "translation",
  "transcription",
  "bot_answer",
  "embeddings",
] as const;
export type Capability = (typeof capabilities)[number];

export interface LanguageGuess {
  /** null when the text is too short or too mixed to tell (emoji, "ok", a number). */
  language: Language | null;
  /** 0..1 */
  confidence: number;
}

export const sentimentLabels = ["negative", "neutral", "positive"] as const;
export type SentimentLabel = (typeof sentimentLabels)[number];

export interface Sentiment {
  label: SentimentLabel;
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  /** 0..1: how sure the engine is. The built-in scorer flags itself low-confidence (`lowConfidence: true`). */
  confidence: number;
  lowConfidence: boolean;
}

/** Why the customer seems to want a person (the built-in rules' finding). */
export interface HandoffRequest {
  wantsHuman: boolean;
  confidence: number;
  /** The phrase that matched, for the handoff note ("falar com um atendente"). */
  matched?: string;
}

/** A knowledge-base article as the engines see it (the server stores more: ids, timestamps, authorship). */
export interface KnowledgeArticle {
  id: string;
  title: string;
  body: string;
  tags: string[];
  /** Other ways customers ask the same thing ("cadê meu pedido?", "where is my order"). */
  phrasings: string[];
  /** The article's language when known; null = any. */
  language: Language | null;
}

/** Other grounding the built-in engine retrieves from besides articles. */
export interface CannedSnippet {
  id: string;
  title: string;
  body: string;
}
/** A customer question and the agent's answer that followed it, from past conversations. */
export interface PastReply {
  id: string;
  question: string;
  answer: string;
}

export type SourceKind = "article" | "canned" | "past_reply" | "generated";

export interface RetrievalHit {
  kind: Exclude<SourceKind, "generated">;
  id: string;
  title: string;
  /** The text to offer (article body, canned body, past answer). */
  text: string;
  /** Raw BM25 score. */
  score: number;
  /** 0..1, comparable across queries: how sure the index is that this hit answers the query. */
  confidence: number;
}

/** A conversation as the engines see it: oldest first, already limited to what matters (the last N turns). */
export interface Turn {
  role: "customer" | "agent" | "bot" | "system";
  text: string;
  /** ISO time */
  at?: string;
}

export interface ReplySuggestion {
  text: string;
  /** What grounded it; `generated` = written by a provider model (still grounded on `citations`). */
  source: { kind: SourceKind; id?: string; title?: string };
  citations: Array<{ kind: Exclude<SourceKind, "generated">; id: string; title: string }>;
}

export interface Summary {
  text: string;
  /** Short bullet points (extractive: sentences of the conversation; provider: generated). */
  points: string[];
}

export const rewriteStyles = ["formal", "friendly", "shorter", "fix"] as const;
export type RewriteStyle = (typeof rewriteStyles)[number];

export interface Transcript {
  text: string;
  language: Language | null;
  durationSeconds?: number;
}

/** Why a conversation went from the bot to a person. */
export const handoffReasons = [
  "customer_request",
  "negative_sentiment",
  "unsure",
  "human_only_topic",
  "outside_business_hours",
  "agent_request",
  "bot_unavailable",
] as const;
export type HandoffReason = (typeof handoffReasons)[number];

/** The bot's answer grounded on retrieved hits (provider: structured output; built-in: the best hit). */
export interface BotAnswer {
  text: string;
  confidence: number;
  citation: { kind: Exclude<SourceKind, "generated">; id: string; title: string } | null;
  /** The provider may notice a wish for a person the rules missed. */
  wantsHuman?: boolean;
}

/** What the hybrid bot does with one customer message. */
export type BotDecision =
  | { action: "answer"; answer: BotAnswer }
  | { action: "clarify"; text: string }
  | { action: "handoff"; reason: HandoffReason; detail?: string };

/** Token usage of one provider call, reported to the server's budget accounting. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/** Why a provider result was not used and the built-in engine answered instead. */
export type FallbackReason = "not_configured" | "disabled" | "timeout" | "error" | "budget_exhausted" | "unsupported";

/** Every copilot result says which engine produced it, and why the provider was skipped when it was. */
export interface Outcome<T> {
  value: T;
  engine: EngineName;
  fallback?: { reason: FallbackReason; message?: string };
  usage?: Usage;
  /** The provider model that answered (absent for the built-in engine). */
  model?: string;
  /** True when the result came from the cache. */
  cached?: boolean;
}

/** Thrown when no available engine can do what was asked (free generation, translation, transcription without a provider). */
export class CapabilityUnavailableError extends Error {
  readonly capability: Capability;
  constructor(capability: Capability, message?: string) {
    super(message ?? `No configured engine can do "${capability}": configure an AI provider.`);
    this.name = "CapabilityUnavailableError";
    this.capability = capability;
  }
}

/** How to reach an OpenAI-compatible provider (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio, llama.cpp's server). */
export interface ProviderConfig {
  /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 */
  baseUrl: string;
  /** Empty for local servers that need none. */
  apiKey: string;
  chatModel: string;
  /** Empty = no embeddings (BM25 only). */
  embeddingModel: string;
  /** Empty = no transcription. */
  transcriptionModel: string;
  /** Whether the transcription endpoint takes WhatsApp's OGG/Opus as is; when false Papo decodes it to WAV first. */
  transcriptionAcceptsOgg: boolean;
  /** Extra headers (Azure's `api-key`, an `api-version` query is part of baseUrl). */
  headers?: Record<string, string>;
  /** Per-call timeout; after it the built-in engine answers. */
  timeoutMs: number;
  /** Retries on 429/5xx/network errors before falling back. */
  maxRetries: number;
}

/** Hooks the server gives the copilot: budget, accounting, cache, masking. All optional in tests. */
export interface CopilotHooks {
  /** Called before every provider call; false = budget exhausted (the built-in engine answers, reason budget_exhausted). */
  allowProviderCall?: (feature: Capability) => Promise<boolean> | boolean;
  /** Called after every provider call that consumed tokens. */
  onUsage?: (event: {
    feature: Capability;
    model: string;
    usage: Usage;
    cached: boolean;
    /** How many personal-data items were masked in what was sent (for the audit trail; never the values). */
    maskedItems?: number;
  }) => void | Promise<void>;
  /** A cache for repeated requests keyed by a hash of (feature, model, masked input). Values are JSON. */
  cache?: {
    get(key: string): Promise<unknown | undefined>;
    set(key: string, value: unknown): Promise<void>;
  };
  /** Mask personal data before text leaves for the provider, restore it in what comes back (default true). */
  maskPersonalData?: boolean;
}

/**
 * The one interface the server uses. Each method picks the best available engine (the provider when configured and
 * the feature is on, else built-in), falls back to the built-in engine on provider timeout/error/budget, and says which
 * engine answered. Methods that only a provider can do throw CapabilityUnavailableError without one.
 */
export interface Copilot {
  /** What this copilot can do now (built-in capabilities ∪ provider capabilities). */
  readonly capabilities: ReadonlySet<Capability>;
  readonly providerConfigured: boolean;
  detectLanguage(text: string): LanguageGuess;
  detectHandoffRequest(text: string, language?: Language | null): HandoffRequest;
  sentiment(text: string, language?: Language | null): Promise<Outcome<Sentiment>>;
  /**
   * Up to `max` grounded replies in `language`. `onDelta` receives streamed text of the suggestion being written
   * (provider only) so the console can show it as it comes.
   */
  suggestReplies(input: {
    turns: Turn[];
    hits: RetrievalHit[];
    language: Language;
    max: number;
    onDelta?: (delta: { index: number; text: string }) => void;
    signal?: AbortSignal;
  }): Promise<Outcome<ReplySuggestion[]>>;
  summarize(turns: Turn[], language: Language): Promise<Outcome<Summary>>;
  rewrite(text: string, style: RewriteStyle, language: Language): Promise<Outcome<string>>;
  translate(text: string, to: Language, from?: Language | null): Promise<Outcome<string>>;
  transcribe(audio: { data: Uint8Array; mimeType: string }, language?: Language | null): Promise<Outcome<Transcript>>;
  /** The bot's grounded answer to the customer's last message (provider when configured, else the best hit). */
  answer(input: { turns: Turn[]; hits: RetrievalHit[]; language: Language }): Promise<Outcome<BotAnswer>>;
  /**
   * Re-orders retrieval hits by embedding similarity to the query when the provider has an embedding model; otherwise
   * (or on failure) returns them as they are from the built-in engine.
   */
  rerankHits?(query: string, hits: RetrievalHit[]): Promise<Outcome<RetrievalHit[]>>;
  /** Checks the provider: a tiny chat call (and embeddings/transcription when configured). */
  testProvider(): Promise<{ ok: boolean; checks: Array<{ capability: Capability; ok: boolean; message?: string; ms: number }> }>;
}
