import { z } from "zod";

/**
 * The shapes the provider must answer with (structured output). Names matter: they travel as the json_schema name,
 * and the local test server uses them to pick a scripted default.
 */

export const sentimentOutput = {
  name: "sentiment",
  schema: z.object({
    label: z.enum(["negative", "neutral", "positive"]),
    score: z.number().min(-1).max(1),
    confidence: z.number().min(0).max(1),
  }),
};

export const suggestionsOutput = {
  name: "suggestions",
  schema: z.object({
    suggestions: z.array(z.object({ text: z.string(), sourceIds: z.array(z.string()) })),
  }),
};

export const summaryOutput = {
  name: "summary",
  schema: z.object({ text: z.string(), points: z.array(z.string()) }),
};

export const answerOutput = {
  name: "bot_answer",
  schema: z.object({
    answer: z.string(),
    articleId: z.string().nullable(),
    confidence: z.number().min(0).max(1),
    wantsHuman: z.boolean(),
  }),
};
