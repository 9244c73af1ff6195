import { languages, rewriteStyles } from "@papo/copilot";
import { z } from "zod";

/** The longest text an agent sends in one WhatsApp message, and so the longest a draft to rewrite or translate. */
export const MAX_DRAFT_LENGTH = 4096;

const language = z.enum(languages);
const engine = z.enum(["builtin", "provider"]);
const citationKind = z.enum(["article", "canned", "past_reply"]);
const sourceKind = z.enum(["article", "canned", "past_reply", "generated"]);

export const fallbackSchema = z
  .object({
    reason: z.enum(["not_configured", "disabled", "timeout", "error", "budget_exhausted", "unsupported"]),
    message: z.string().optional(),
  })
  .describe("Why the provider was not used and the built-in engine answered instead");

export const suggestionSchema = z.object({
  text: z.string(),
  source: z.object({ kind: sourceKind, id: z.string().optional(), title: z.string().optional() }),
  citations: z.array(z.object({ kind: citationKind, id: z.string(), title: z.string() })),
});

export const conversationParams = z.object({ id: z.uuid() });

/** Bodies of POSTs that need none may be absent (read as `{}`, see routes.ts) or `{}`; a JSON `null` is refused. */
export const suggestionsBody = z
  .object({ max: z.number().int().min(1).max(3).optional().describe("How many suggestions, 1 to 3 (default 3)") })
  .optional();

export const suggestionsResponse = z.object({
  suggestions: z.array(suggestionSchema),
  language,
  engine,
  fallback: fallbackSchema.optional(),
});

export const summaryBody = z
  .object({
    language: language.optional().describe("The language to summarise in; default: the console's (Accept-Language), else Portuguese"),
  })
  .optional();

export const summaryResponse = z.object({
  summary: z.object({ text: z.string(), points: z.array(z.string()) }),
  engine,
  fallback: fallbackSchema.optional(),
});

const draft = z.string().trim().min(1).max(MAX_DRAFT_LENGTH);

export const rewriteBody = z.object({
  text: draft,
  style: z.enum(rewriteStyles),
  language: language.optional().describe("The draft's language; default: detected from the text, else Portuguese"),
});

export const rewriteResponse = z.object({ text: z.string(), engine, fallback: fallbackSchema.optional() });

export const translateBody = z.object({
  text: draft,
  to: language,
  from: language.optional().describe("The text's language; default: detected"),
});

export const translateResponse = z.object({ text: z.string(), from: language.nullable(), to: language, engine });

export const messageTranslationQuery = z.object({
  to: language.optional().describe("The language to translate into; default: the console's (Accept-Language), else Portuguese"),
});

export const messageTranslationResponse = z.object({
  text: z.string(),
  from: language.nullable(),
  to: language,
  engine,
  cached: z.boolean().describe("true when the stored translation was reused (no provider call)"),
});

export const proposalsResponse = z.object({
  proposals: z.array(
    z.object({
      title: z.string(),
      body: z.string(),
      examples: z.array(z.string()),
      count: z.number().int(),
      language: language.nullable(),
    }),
  ),
});
