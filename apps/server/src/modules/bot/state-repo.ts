import type { BotState } from "@papo/copilot";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { botState } from "../../db/schema/bot-state.ts";

export interface StoredBotState extends BotState {
  /** The customer message the bot last acted on (answered, clarified or handed off). */
  lastMessageId: string | null;
}

/** The bot's memory of a conversation between turns; no row = nothing asked yet. */
export function createBotStateRepo({ db }: { db: DbOrTx }) {
  const upsert = async (
    workspaceId: string,
    conversationId: string,
    at: Date,
    { clarify, messageId }: { clarify: boolean; messageId: string | null },
  ) => {
    await db
      .insert(botState)
      .values({ conversationId, workspaceId, clarifications: clarify ? 1 : 0, lastMessageId: messageId, updatedAt: at })
      .onConflictDoUpdate({
        target: botState.conversationId,
        set: {
          clarifications: clarify ? sql`${botState.clarifications} + 1` : 0,
          ...(messageId ? { lastMessageId: messageId } : {}),
          updatedAt: at,
        },
      });
  };
  return {
    async get(conversationId: string): Promise<StoredBotState> {
      const [row] = await db.select().from(botState).where(eq(botState.conversationId, conversationId));
      return { clarifications: row?.clarifications ?? 0, lastMessageId: row?.lastMessageId ?? null };
    },
    /** The bot asked a clarifying question in answer to `messageId`. */
    addClarification: (workspaceId: string, conversationId: string, messageId: string, at: Date) =>
      upsert(workspaceId, conversationId, at, { clarify: true, messageId }),
    /**
     * After a confident answer, a handoff or a hand-back: the next unclear question gets its one clarification again.
     * `messageId` is the customer message acted on, when there is one.
     */
    reset: (workspaceId: string, conversationId: string, at: Date, messageId: string | null = null) =>
      upsert(workspaceId, conversationId, at, { clarify: false, messageId }),
  };
}
