import { capabilities } from "@papo/copilot";
import { z } from "zod";
import { copilotFeatures } from "../../db/schema/ai-settings.ts";

const MODEL_MAX = 200;

export const featureSchema = z.enum(copilotFeatures);

const featuresShape = Object.fromEntries(copilotFeatures.map((f) => [f, z.boolean()])) as Record<
  (typeof copilotFeatures)[number],
  z.ZodBoolean
>;
export const featuresSchema = z
  .object(featuresShape)
  .describe("Per-feature switches; a feature switched off answers 409 copilot.feature_disabled");
const featuresPatch = z
  .object(
    Object.fromEntries(copilotFeatures.map((f) => [f, z.boolean().optional()])) as Record<
      (typeof copilotFeatures)[number],
      z.ZodOptional<z.ZodBoolean>
    >,
  )
  .describe("Switches to change; a feature left out keeps its current state (all are on by default)");

const providerFields = {
  baseUrl: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .max(2000)
    .describe("The OpenAI-compatible API root, e.g. https://api.openai.com/v1 or http://localhost:11434/v1"),
  chatModel: z.string().trim().min(1).max(MODEL_MAX),
  embeddingModel: z.string().trim().max(MODEL_MAX).default("").describe("Empty: no embeddings (BM25 retrieval only)"),
  transcriptionModel: z.string().trim().max(MODEL_MAX).default("").describe("Empty: no voice-note transcription"),
  transcriptionAcceptsOgg: z.boolean().default(true).describe("False: Papo decodes WhatsApp's OGG/Opus to WAV first"),
  timeoutMs: z.number().int().min(1000).max(120_000).default(20_000),
  maxRetries: z.number().int().min(0).max(5).default(2),
};

export const aiSettingsSchema = z.object({
  provider: z
    .object({
      baseUrl: z.string(),
      chatModel: z.string(),
      embeddingModel: z.string(),
      transcriptionModel: z.string(),
      transcriptionAcceptsOgg: z.boolean(),
      timeoutMs: z.number().int(),
      maxRetries: z.number().int(),
      hasApiKey: z.boolean().describe("The key itself is write-only"),
    })
    .nullable()
    .describe("null: the built-in engine only"),
  features: featuresSchema,
  maskPersonalData: z
    .boolean()
    .describe("Mask CPF, CNPJ, e-mails, phones, cards, bank numbers and addresses before text leaves for the provider"),
  monthlyTokenBudget: z.number().int().nullable().describe("Provider tokens per calendar month (UTC); null = unlimited"),
  updatedAt: z.iso.datetime().nullable(),
});
export type AiSettingsDto = z.infer<typeof aiSettingsSchema>;

export const aiSettingsBody = z.object({
  provider: z
    .object({
      ...providerFields,
      apiKey: z.string().max(4000).optional().describe('Write-only: absent keeps the saved key, "" clears it'),
    })
    .nullable()
    .describe("null removes the provider"),
  features: featuresPatch.optional(),
  maskPersonalData: z.boolean().optional(),
  monthlyTokenBudget: z.number().int().min(1).max(1_000_000_000_000).nullable().optional(),
});

export const providerTestSchema = z.object({
  ok: z.boolean(),
  checks: z.array(z.object({ capability: z.enum(capabilities), ok: z.boolean(), message: z.string().optional(), ms: z.number() })),
});

export const usageQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM")
    .optional()
    .describe("Calendar month (UTC); default the current one"),
});

export const usageSchema = z.object({
  month: z.string(),
  budgetTokens: z.number().nullable(),
  usedTokens: z.number(),
  remainingTokens: z.number().nullable(),
  rows: z.array(
    z.object({
      feature: z.string().describe("The copilot capability (sentiment, suggestions, transcription, bot_answer …)"),
      engine: z.enum(["builtin", "provider"]),
      requests: z.number(),
      inputTokens: z.number(),
      outputTokens: z.number(),
      fallbacks: z.number().describe("Answers the built-in engine gave because the provider failed, timed out or was over budget"),
      cached: z.number(),
    }),
  ),
});

export const copilotStatusSchema = z.object({
  providerConfigured: z.boolean(),
  capabilities: z.array(z.enum(capabilities)),
  features: featuresSchema,
  maskPersonalData: z.boolean(),
});

const languageSchema = z.enum(["pt", "en", "es"]);
const sentimentLabelSchema = z.enum(["negative", "neutral", "positive"]);
const engineSchema = z.enum(["builtin", "provider"]);

/** `insights` of a message object. */
export const messageInsightsSchema = z
  .object({
    language: languageSchema.nullable(),
    sentiment: z
      .object({
        label: sentimentLabelSchema,
        score: z.number().describe("-1 (very negative) .. 1"),
        confidence: z.number(),
        lowConfidence: z.boolean(),
        engine: engineSchema,
      })
      .nullable()
      .describe("Inbound customer messages only"),
    transcript: z
      .object({
        status: z.enum(["pending", "done", "unavailable", "failed"]),
        text: z.string().optional(),
        language: languageSchema.nullable().optional(),
        engine: engineSchema.optional(),
        reason: z.string().optional(),
      })
      .nullable()
      .describe("Audio and voice notes only"),
  })
  .nullable()
  .describe("What the copilot found; null until the message was analysed (or for outbound messages)");

/** `ai` of a conversation object. */
export const conversationAiSchema = z
  .object({
    language: languageSchema.nullable().describe("The customer's language (latest confident guess)"),
    sentiment: z.object({ label: sentimentLabelSchema, score: z.number(), trend: z.enum(["improving", "worsening", "steady"]) }).nullable(),
    needsAttention: z.boolean().describe("Strongly negative and waiting for an answer from a person"),
  })
  .nullable();
