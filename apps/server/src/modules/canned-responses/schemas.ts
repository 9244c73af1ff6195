import { z } from "zod";

export const cannedResponseSchema = z.object({
  id: z.uuid(),
  shortcut: z.string().describe("What the agent types after `/` in the composer, e.g. `entrega`"),
  title: z.string(),
  body: z.string().describe("The text inserted into the composer"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const shortcut = z
  .string()
  .regex(/^[a-z0-9_-]{1,32}$/, "must be 1 to 32 lower-case letters, digits, - or _")
  .describe("Unique in the workspace");

export const createCannedResponseBody = z.object({
  shortcut,
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(4096).describe("At most 4096 characters, WhatsApp's limit for a text message"),
});

export const updateCannedResponseBody = createCannedResponseBody
  .partial()
  .refine((body) => Object.keys(body).length > 0, "send at least one of shortcut, title, body");

export const listCannedResponsesQuery = z.object({
  q: z.string().max(200).optional().describe("Matches shortcut, title or body; ignores case and accents"),
});
