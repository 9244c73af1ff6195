/*
 * The copilot API's objects as the console reads them (issue 6 REST contract), written by hand to match
 * @papo/copilot's types.ts and the server's zod schemas. Message insights and Conversation.ai live in lib/api-types.ts
 * because every message and conversation carries them.
 */
import type { CopilotEngine, CopilotLanguage } from "../../../lib/api-types.ts";

export const copilotFeatures = ["suggestions", "sentiment", "summary", "rewrite", "translation", "transcription", "bot"] as const;
export type CopilotFeature = (typeof copilotFeatures)[number];

/** What an engine can be asked to do; what no configured engine can do is greyed out. */
export type CopilotCapability =
  | "language"
  | "sentiment"
  | "handoff"
  | "retrieval"
  | "suggestions"
  | "summary"
  | "rewrite"
  | "translation"
  | "transcription"
  | "bot_answer"
  | "embeddings";

/** `GET /api/v1/copilot/status`. */
export interface CopilotStatus {
  providerConfigured: boolean;
  capabilities: CopilotCapability[];
  features: Record<CopilotFeature, boolean>;
  maskPersonalData: boolean;
}

/** Why the provider was skipped and the built-in engine answered instead. */
export interface Fallback {
  reason: "not_configured" | "disabled" | "timeout" | "error" | "budget_exhausted" | "unsupported";
  message?: string;
}

export type SourceKind = "article" | "canned" | "past_reply" | "generated";

export interface ReplySuggestion {
  text: string;
  source: { kind: SourceKind; id?: string; title?: string };
  citations: Array<{ kind: Exclude<SourceKind, "generated">; id: string; title: string }>;
}

/** `POST /api/v1/conversations/:id/suggestions` (the JSON answer, and the SSE `done` event). */
export interface SuggestionsResult {
  suggestions: ReplySuggestion[];
  language: CopilotLanguage;
  engine: CopilotEngine;
  fallback?: Fallback;
}

/** `POST /api/v1/conversations/:id/summary`. */
export interface SummaryResult {
  summary: { text: string; points: string[] };
  engine: CopilotEngine;
  fallback?: Fallback;
}

export type RewriteStyle = "formal" | "friendly" | "shorter" | "fix";

/** `POST /api/v1/copilot/rewrite`. */
export interface RewriteResult {
  text: string;
  engine: CopilotEngine;
  fallback?: Fallback;
}

/** `POST /api/v1/copilot/translate`. */
export interface TranslateResult {
  text: string;
  from: CopilotLanguage | null;
  to: CopilotLanguage;
  engine: CopilotEngine;
}

/** `GET /api/v1/messages/:id/translation?to=`. */
export interface MessageTranslation {
  text: string;
  from: CopilotLanguage | null;
  to: CopilotLanguage;
  engine: CopilotEngine;
  cached: boolean;
}

export type HandoffReason =
  | "customer_request"
  | "negative_sentiment"
  | "unsure"
  | "human_only_topic"
  | "outside_business_hours"
  | "agent_request"
  | "bot_unavailable";

/** One entry of `GET /api/v1/conversations/:id/handoffs`. */
export interface Handoff {
  id: string;
  reason: HandoffReason;
  detail: string | null;
  summary: string | null;
  summaryEngine: CopilotEngine | null;
  by: { kind: "bot" | "user"; userId: string | null };
  at: string;
}

/** The part of a bot message's stored content the console reads (`content.bot`). */
export interface BotMessageInfo {
  citation: { kind: string; id: string; title: string } | null;
  engine: CopilotEngine;
}
