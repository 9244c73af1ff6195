import type { Conversation, UpdateConversationBody } from "../../../lib/api-types.ts";

/**
 * The PATCH that gives a conversation to an agent. While a bot handles it, giving it to a person is the transfer to a
 * human too: both go in one call, so the bot never answers a conversation someone has taken.
 */
export function assignBody(conversation: Pick<Conversation, "handledBy">, assigneeId: string): UpdateConversationBody {
  return conversation.handledBy === "bot" ? { assigneeId, handledBy: "human" } : { assigneeId };
}
