import type { InboundContent } from "@papo/whatsapp";
import { z } from "zod";
import { messageDirections, messageStatuses, senderKinds } from "../../db/schema/messages.ts";
import { type InboundDocument, inboundWords } from "../messages/models.ts";
import type { StoredMessage } from "../messages/repo.ts";

export const lastMessageSchema = z
  .object({
    id: z.uuid(),
    direction: z.enum(messageDirections),
    type: z.string().describe("The message type, for the preview's icon (image, audio, template, …)"),
    senderKind: z.enum(senderKinds),
    status: z.enum(messageStatuses),
    text: z.string().nullable().describe("The message's own words (text, caption, chosen reply); null when it has none"),
    createdAt: z.iso.datetime(),
  })
  .describe("The conversation's newest message (reactions excluded), for list previews");

export type LastMessageDto = z.infer<typeof lastMessageSchema>;

function isInboundDocument(value: unknown): value is InboundDocument {
  return typeof value === "object" && value !== null && "content" in value;
}

/**
 * Inbound rows store a pt-BR summary in `text` (with bracketed placeholders for photos and the like); a preview
 * wants only real words, so they are taken from the structured content instead and the console names the type in
 * the agent's language.
 */
export function toLastMessageDto(message: StoredMessage): LastMessageDto {
  const text =
    message.direction === "inbound"
      ? isInboundDocument(message.content)
        ? inboundWords(message.content.content as InboundContent)
        : null
      : message.type === "template"
        ? null
        : message.text;
  return {
    id: message.id,
    direction: message.direction,
    type: message.type,
    senderKind: message.senderKind,
    status: message.status,
    text: text === "" ? null : text,
    createdAt: message.createdAt.toISOString(),
  };
}
