import type { EngineName, Language, SentimentLabel } from "@papo/copilot";
import { and, eq, inArray } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { type ConversationInsightsRow, conversationInsights, type SentimentTrend } from "../../db/schema/conversation-insights.ts";
import { type MessageInsightsRow, messageInsights, type TranscriptStatus } from "../../db/schema/message-insights.ts";

/** The `insights` of a message object (API contract). */
export interface MessageInsightsDto {
  language: Language | null;
  sentiment: { label: SentimentLabel; score: number; confidence: number; lowConfidence: boolean; engine: EngineName } | null;
  transcript: {
    status: TranscriptStatus;
    text?: string;
    language?: Language | null;
    engine?: EngineName;
    reason?: string;
  } | null;
}

/** The `ai` of a conversation object (API contract). */
export interface ConversationAiDto {
  language: Language | null;
  sentiment: { label: SentimentLabel; score: number; trend: SentimentTrend } | null;
  needsAttention: boolean;
}

export type MessageInsightsPatch = Partial<Omit<MessageInsightsRow, "messageId" | "workspaceId" | "conversationId" | "transcriptEnc">> & {
  transcript?: string | null;
};

export function createInsightsRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const transcriptPlace = (workspaceId: string, messageId: string) => ({
    workspaceId,
    table: "message_insights",
    column: "transcript_enc",
    rowId: messageId,
  });

  const messageDto = (row: MessageInsightsRow): MessageInsightsDto => ({
    language: (row.language as Language | null) ?? null,
    sentiment:
      row.sentimentLabel !== null && row.sentimentScore !== null
        ? {
            label: row.sentimentLabel as SentimentLabel,
            score: row.sentimentScore,
            confidence: row.sentimentConfidence ?? 0,
            lowConfidence: row.sentimentLowConfidence ?? true,
            engine: (row.sentimentEngine as EngineName | null) ?? "builtin",
          }
        : null,
    transcript: row.transcriptStatus
      ? {
          status: row.transcriptStatus,
          ...(row.transcriptEnc ? { text: cipher.decrypt(transcriptPlace(row.workspaceId, row.messageId), row.transcriptEnc) } : {}),
          ...(row.transcriptStatus === "done" ? { language: (row.transcriptLanguage as Language | null) ?? null } : {}),
          ...(row.transcriptEngine ? { engine: row.transcriptEngine as EngineName } : {}),
          ...(row.transcriptReason ? { reason: row.transcriptReason } : {}),
        }
      : null,
  });

  const conversationDto = (row: ConversationInsightsRow): ConversationAiDto => ({
    language: (row.language as Language | null) ?? null,
    sentiment:
      row.sentimentScore !== null && row.sentimentLabel !== null
        ? { label: row.sentimentLabel as SentimentLabel, score: row.sentimentScore, trend: row.sentimentTrend ?? "steady" }
        : null,
    needsAttention: row.needsAttention,
  });

  return {
    /** Insights of a page of messages, in one query. */
    async forMessages(workspaceId: string, messageIds: readonly string[]): Promise<Map<string, MessageInsightsDto>> {
      if (messageIds.length === 0) return new Map();
      const rows = await db
        .select()
        .from(messageInsights)
        .where(and(eq(messageInsights.workspaceId, workspaceId), inArray(messageInsights.messageId, [...messageIds])));
      return new Map(rows.map((row) => [row.messageId, messageDto(row)]));
    },
    /** Insights of a page of conversations, in one query. */
    async forConversations(workspaceId: string, conversationIds: readonly string[]): Promise<Map<string, ConversationAiDto>> {
      if (conversationIds.length === 0) return new Map();
      const rows = await db
        .select()
        .from(conversationInsights)
        .where(and(eq(conversationInsights.workspaceId, workspaceId), inArray(conversationInsights.conversationId, [...conversationIds])));
      return new Map(rows.map((row) => [row.conversationId, conversationDto(row)]));
    },
    async messageRow(workspaceId: string, messageId: string): Promise<MessageInsightsRow | undefined> {
      const [row] = await db
        .select()
        .from(messageInsights)
        .where(and(eq(messageInsights.workspaceId, workspaceId), eq(messageInsights.messageId, messageId)));
      return row;
    },
    async upsertMessage(
      key: { workspaceId: string; conversationId: string; messageId: string },
      patch: MessageInsightsPatch,
      at: Date,
    ): Promise<void> {
      const { transcript, ...rest } = patch;
      const set = {
        ...rest,
        ...(transcript === undefined
          ? {}
          : { transcriptEnc: transcript === null ? null : cipher.encrypt(transcriptPlace(key.workspaceId, key.messageId), transcript) }),
        updatedAt: at,
      };
      await db
        .insert(messageInsights)
        .values({ ...key, ...set })
        .onConflictDoUpdate({ target: messageInsights.messageId, set });
    },
    /** The conversation's row, locked for the read-modify-write of the running sentiment. */
    async lockConversation(workspaceId: string, conversationId: string): Promise<ConversationInsightsRow | undefined> {
      const [row] = await db
        .select()
        .from(conversationInsights)
        .where(and(eq(conversationInsights.workspaceId, workspaceId), eq(conversationInsights.conversationId, conversationId)))
        .for("update");
      return row;
    },
    async upsertConversation(
      key: { workspaceId: string; conversationId: string },
      values: Omit<ConversationInsightsRow, "workspaceId" | "conversationId">,
    ): Promise<void> {
      await db
        .insert(conversationInsights)
        .values({ ...key, ...values })
        .onConflictDoUpdate({ target: conversationInsights.conversationId, set: values });
    },
    /** An outbound reply answers the customer: the conversation no longer waits, so it no longer needs attention. */
    async clearAttention(workspaceId: string, conversationId: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(conversationInsights)
        .set({ needsAttention: false, updatedAt: at })
        .where(
          and(
            eq(conversationInsights.workspaceId, workspaceId),
            eq(conversationInsights.conversationId, conversationId),
            eq(conversationInsights.needsAttention, true),
          ),
        )
        .returning({ id: conversationInsights.conversationId });
      return rows.length > 0;
    },
  };
}

export type InsightsRepo = ReturnType<typeof createInsightsRepo>;

/** Erasure and retention (modules/privacy): what was derived from erased messages (transcripts, sentiment) goes too. */
export async function deleteMessageInsights(
  db: DbOrTx,
  { workspaceId, messageIds }: { workspaceId: string; messageIds: readonly string[] },
): Promise<void> {
  if (messageIds.length === 0) return;
  await db
    .delete(messageInsights)
    .where(and(eq(messageInsights.workspaceId, workspaceId), inArray(messageInsights.messageId, [...messageIds])));
}
