import { z } from "zod";

export const CSAT_COMMENT_MAX_LENGTH = 1000;

export const csatParams = z.object({ id: z.uuid() });

export const recordCsatBody = z.object({
  score: z.number().int().min(1).max(5).describe("1 (very unsatisfied) to 5 (very satisfied)"),
  comment: z
    .string()
    .trim()
    .max(CSAT_COMMENT_MAX_LENGTH)
    .optional()
    .describe(`The customer's words, up to ${CSAT_COMMENT_MAX_LENGTH} characters; stored encrypted (personal data)`),
});

export const csatResponseSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  score: z.number().int(),
  comment: z.string().nullable(),
  at: z.iso.datetime(),
});

export const csatListSchema = z.object({ items: z.array(csatResponseSchema).describe("Newest first") });

export type CsatResponseDto = z.infer<typeof csatResponseSchema>;
