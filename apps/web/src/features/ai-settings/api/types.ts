/** The copilot's workspace settings, usage and the hybrid bot's per-number settings (README → HTTP API → Copilot). */
export const aiSettingsPaths = {
  settings: "/api/v1/workspace/ai",
  test: "/api/v1/workspace/ai/test",
  usage: "/api/v1/workspace/ai/usage",
  channels: "/api/v1/channels",
  bot: (channelId: string) => `/api/v1/channels/${encodeURIComponent(channelId)}/bot`,
} as const;

export const aiSettingsKeys = {
  settings: ["ai-settings"] as const,
  usage: (month: string) => ["ai-settings", "usage", month] as const,
  channels: ["ai-settings", "channels"] as const,
  bot: (channelId: string) => ["ai-settings", "bot", channelId] as const,
};

export const copilotFeatures = ["suggestions", "sentiment", "summary", "rewrite", "translation", "transcription", "bot"] as const;
export type CopilotFeature = (typeof copilotFeatures)[number];

export interface ProviderSettings {
  baseUrl: string;
  chatModel: string;
  embeddingModel: string;
  transcriptionModel: string;
  transcriptionAcceptsOgg: boolean;
  timeoutMs: number;
  maxRetries: number;
}

/** `GET /api/v1/workspace/ai`: the API key never comes back, only whether one is stored. */
export interface AiSettings {
  provider: (ProviderSettings & { hasApiKey: boolean }) | null;
  features: Record<CopilotFeature, boolean>;
  maskPersonalData: boolean;
  monthlyTokenBudget: number | null;
  updatedAt: string | null;
}

/** `PUT /api/v1/workspace/ai`: `apiKey` absent keeps the stored key, "" clears it (write-only). */
export interface AiSettingsBody {
  provider: (ProviderSettings & { apiKey?: string }) | null;
  features: Record<CopilotFeature, boolean>;
  maskPersonalData: boolean;
  monthlyTokenBudget: number | null;
}

export interface ProviderCheck {
  capability: string;
  ok: boolean;
  message?: string;
  ms: number;
}

export interface ProviderTestResult {
  ok: boolean;
  checks: ProviderCheck[];
}

export interface UsageRow {
  feature: string;
  engine: "builtin" | "provider";
  requests: number;
  inputTokens: number;
  outputTokens: number;
  fallbacks: number;
  cached: number;
}

export interface AiUsage {
  month: string;
  budgetTokens: number | null;
  usedTokens: number;
  remainingTokens: number | null;
  rows: UsageRow[];
}

export const botLanguages = ["pt", "en", "es"] as const;
export type BotLanguage = (typeof botLanguages)[number];
export const weekDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type WeekDay = (typeof weekDays)[number];

export interface TimeRange {
  start: string;
  end: string;
}

export interface BusinessHours {
  timezone: string;
  days: Record<WeekDay, TimeRange[]>;
}

/** `GET/PUT /api/v1/channels/:id/bot`. */
export interface BotSettings {
  mode: "off" | "bot_first";
  confidenceThreshold: number;
  negativeSentimentThreshold: number;
  humanOnlyTopics: string[];
  businessHours: BusinessHours | null;
  outsideHoursReply: Record<BotLanguage, string>;
  handoffReply: Record<BotLanguage, string>;
}

export interface ChannelSummary {
  id: string;
  name: string;
  displayPhoneNumber: string | null;
}
