import { z } from "zod";
import { pageQuery } from "../../http/pagination.ts";

export const NOTE_MAX_LENGTH = 5000;

export const contactNoteSchema = z.object({
  id: z.uuid(),
  body: z.string(),
  author: z.object({ id: z.uuid(), name: z.string() }).nullable().describe("The agent who wrote it; null once that user is deleted"),
  createdAt: z.iso.datetime(),
});

export const contactParams = z.object({ id: z.uuid() });
export const noteParams = z.object({ id: z.uuid(), noteId: z.uuid() });

export const listContactNotesQuery = z.object(pageQuery);

export const createContactNoteBody = z.object({
  body: z
    .string()
    .trim()
    .min(1)
    .max(NOTE_MAX_LENGTH)
    .describe(`The note, 1 to ${NOTE_MAX_LENGTH} characters; internal, never sent to the customer`),
});

export type ContactNoteDto = z.infer<typeof contactNoteSchema>;
