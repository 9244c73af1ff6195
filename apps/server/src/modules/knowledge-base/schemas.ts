import { languages } from "@papo/copilot";
import { z } from "zod";
import { pageQuery } from "../../http/pagination.ts";

export const TITLE_MAX = 200;
export const BODY_MAX = 4096;
/** What one import may carry: about a thousand articles, and under the 900,000-character refusal every string field has. */
export const IMPORT_MAX_CHARS = 500_000;

const tag = z.string().trim().min(1).max(60);
const phrasing = z.string().trim().min(1).max(300);

export const articleSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  phrasings: z.array(z.string()).describe("Other ways customers ask the same question"),
  language: z.enum(languages).nullable().describe("null = any language"),
  enabled: z.boolean().describe("Disabled articles are kept but neither the bot nor the suggestions use them"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ArticleDto = z.infer<typeof articleSchema>;

export const articleParams = z.object({ id: z.uuid() });

export const listArticlesQuery = z.object({
  ...pageQuery,
  q: z.string().max(200).optional().describe("Filters by a word or phrase of the title, body, tags or phrasings"),
});

const articleFields = {
  title: z.string().trim().min(1).max(TITLE_MAX),
  // WhatsApp's text limit: the bot sends the body as it is.
  body: z.string().trim().min(1).max(BODY_MAX).describe(`What the bot sends, up to ${BODY_MAX} characters`),
  tags: z.array(tag).max(30),
  phrasings: z.array(phrasing).max(50),
  language: z.enum(languages).nullable(),
  enabled: z.boolean(),
};

export const createArticleBody = z.object({
  title: articleFields.title,
  body: articleFields.body,
  tags: articleFields.tags.optional(),
  phrasings: articleFields.phrasings.optional(),
  language: articleFields.language.optional(),
  enabled: articleFields.enabled.optional(),
});

export const updateArticleBody = z.object({
  title: articleFields.title.optional(),
  body: articleFields.body.optional(),
  tags: articleFields.tags.optional(),
  phrasings: articleFields.phrasings.optional(),
  language: articleFields.language.optional(),
  enabled: articleFields.enabled.optional(),
});

export const importBody = z.object({
  format: z.enum(["markdown", "csv"]),
  content: z.string().min(1).max(IMPORT_MAX_CHARS).describe("The file's text, up to 500,000 characters"),
});

export const importResultSchema = z.object({
  created: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});

export const searchBody = z.object({
  query: z.string().trim().min(1).max(1000),
  language: z.enum(languages).optional(),
});

export const retrievalHitSchema = z.object({
  kind: z.enum(["article", "canned", "past_reply"]),
  id: z.string(),
  title: z.string(),
  text: z.string(),
  score: z.number(),
  confidence: z.number(),
});
