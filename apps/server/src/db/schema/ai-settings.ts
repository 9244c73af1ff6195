import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

export const copilotFeatures = ["suggestions", "sentiment", "summary", "rewrite", "translation", "transcription", "bot"] as const;
export type CopilotFeature = (typeof copilotFeatures)[number];

/** How to reach the workspace's OpenAI-compatible provider, minus the key (which is sealed in `api_key_enc`). */
export interface StoredProviderConfig {
  baseUrl: string;
  chatModel: string;
  embeddingModel: string;
  transcriptionModel: string;
  transcriptionAcceptsOgg: boolean;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * A workspace's AI settings; no row means the defaults (built-in engine only, every feature on, masking on, no budget).
 * The provider's address and model names are configuration, not personal data: clear. The API key is a secret: it is
 * encrypted with AAD `ai_settings:api_key_enc:<workspaceId>` and never returned.
 */
export const aiSettings = pgTable("ai_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  provider: jsonb("provider").$type<StoredProviderConfig>(),
  apiKeyEnc: text("api_key_enc"),
  features: jsonb("features").$type<Partial<Record<CopilotFeature, boolean>>>().notNull(),
  maskPersonalData: boolean("mask_personal_data").notNull().default(true),
  monthlyTokenBudget: integer("monthly_token_budget"),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
});

export type AiSettingsRow = typeof aiSettings.$inferSelect;
