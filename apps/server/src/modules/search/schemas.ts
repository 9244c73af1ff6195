import { z } from "zod";
import { contactSchema } from "../contacts/schemas.ts";

export const searchTypes = ["messages", "contacts", "all"] as const;

export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe("Words to find (all of them); for contacts also a name prefix, a phone number in any format or an e-mail"),
  type: z.enum(searchTypes).default("all"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().optional().describe("A nextCursor of a previous answer, with type=messages or type=contacts"),
});

export const snippetSchema = z.object({
  text: z.string().describe("Plain text around the first match (may start or end with …)"),
  highlights: z
    .array(z.object({ start: z.number().int(), end: z.number().int() }))
    .describe("Matched words: [start, end) offsets into text"),
});

export const messageHitSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  contactId: z.uuid(),
  channelId: z.uuid(),
  contactName: z.string().nullable(),
  direction: z.enum(["inbound", "outbound"]),
  type: z.string(),
  createdAt: z.iso.datetime(),
  snippet: snippetSchema,
});

const section = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() }).nullable();

export const searchResultSchema = z.object({
  messages: section(messageHitSchema).describe("Messages holding every word, newest first (null unless type is messages or all)"),
  contacts: section(contactSchema).describe("Contacts matching every word, newest first (null unless type is contacts or all)"),
});

export type SearchQuery = z.infer<typeof searchQuery>;
export type SearchResult = z.infer<typeof searchResultSchema>;
