import { CapabilityUnavailableError, type LanguageGuess, type Outcome, type Sentiment, type Transcript } from "@papo/copilot";
import type { InboundContent } from "@papo/whatsapp";
import { and, desc, eq, sql } from "drizzle-orm";
import { messages } from "../../db/schema/messages.ts";
import type { Deps } from "../../deps.ts";
import type { DomainEvent } from "../../events/bus.ts";
import { runBotTurn } from "../bot/turn.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import { createMediaRepo } from "../media/repo.ts";
import { type InboundDocument, inboundWords } from "../messages/models.ts";
import { createMessagesRepo, type StoredMessage } from "../messages/repo.ts";
import { recordSentiment } from "../reports/facts.ts";
import { messageTerms } from "../search/terms.ts";
import { insertSearchTerms } from "../search/terms-repo.ts";
import { type ConversationMood, NEUTRAL_MOOD, nextMood } from "./conversation-mood.ts";
import { copilotFor, type WorkspaceCopilot } from "./copilot-for.ts";
import { createInsightsRepo } from "./insights-repo.ts";

/** What became of one analysis run: finished, or waiting for the message's media download. */
export type AnalysisResult = "done" | "waiting_for_media";

/** Fixed reasons shown under a voice note without transcript (never content). */
export const TRANSCRIPT_REASONS = {
  switchedOff: "transcription is switched off",
  noProvider: "configure an AI provider",
  mediaFailed: "the audio could not be downloaded",
  providerFailed: "the provider could not transcribe the audio",
} as const;

/**
 * Analyses one new inbound customer message: transcribes a voice note (once its file is downloaded), detects the
 * language, scores the sentiment, folds both into the conversation's mood (alerting supervisors once when it turns
 * strongly negative while a person owes an answer), then lets the bot take its turn in a bot-handled conversation.
 * Safe to run again after a crash: a message already scored is not folded into the conversation twice.
 */
export async function analyseInbound(
  deps: Deps,
  { workspaceId, messageId, lastAttempt }: { workspaceId: string; messageId: string; lastAttempt: boolean },
): Promise<AnalysisResult> {
  const { db } = deps.database;
  const message = await createMessagesRepo({ db, cipher: deps.cipher }).get(workspaceId, messageId);
  if (!message || message.contentErasedAt || message.direction !== "inbound" || message.senderKind !== "contact") return "done";
  const content = (message.content as InboundDocument).content;
  const insights = createInsightsRepo({ db, cipher: deps.cipher });
  const existing = await insights.messageRow(workspaceId, messageId);
  const workspace = await copilotFor(deps, workspaceId);
  const key = { workspaceId, conversationId: message.conversationId, messageId };
  const changed = () => deps.events.emit({ type: "message.updated", workspaceId, conversationId: message.conversationId, messageId });

  let transcript: string | null = null;
  if (content.type === "audio") {
    const settled = existing?.transcriptStatus && existing.transcriptStatus !== "pending";
    if (settled) {
      transcript = (await insights.forMessages(workspaceId, [messageId])).get(messageId)?.transcript?.text ?? null;
    } else {
      const result = await transcribeVoiceNote(deps, workspace, message, lastAttempt);
      if (result === "waiting_for_media") {
        if (!existing?.transcriptStatus) {
          await insights.upsertMessage(key, { transcriptStatus: "pending" }, deps.clock.now());
          changed();
        }
        return "waiting_for_media";
      }
      await insights.upsertMessage(key, result.patch, deps.clock.now());
      if (result.transcript) {
        transcript = result.transcript;
        // The transcript's words make the voice note findable like a text message.
        await insertSearchTerms(db, deps.cipher, {
          workspaceId,
          itemType: "message",
          itemId: messageId,
          terms: messageTerms({ direction: "inbound", text: result.transcript, content: null }),
        });
      }
      changed();
    }
  }

  const text = (transcript ?? wordsOf(content)).trim();
  const language: LanguageGuess | null = text ? workspace.copilot.detectLanguage(text) : null;
  let sentiment: Outcome<Sentiment> | null = null;
  const alreadyScored = Boolean(existing?.sentimentLabel) || Boolean(existing?.language);
  // Nothing in the customer's own words (a sticker, a photo without caption): nothing to record or fold.
  if (text && !alreadyScored) {
    if (workspace.isEnabled("sentiment")) sentiment = await workspace.copilot.sentiment(text, language?.language ?? null);
    await insights.upsertMessage(
      key,
      {
        language: language?.language ?? null,
        ...(sentiment
          ? {
              sentimentLabel: sentiment.value.label,
              sentimentScore: sentiment.value.score,
              sentimentConfidence: sentiment.value.confidence,
              sentimentLowConfidence: sentiment.value.lowConfidence,
              sentimentEngine: sentiment.engine,
            }
          : {}),
      },
      deps.clock.now(),
    );
    // Counted at the message's time, once: a message already scored never comes back to this branch.
    if (sentiment)
      await recordSentiment(db, {
        workspaceId,
        channelId: message.channelId,
        label: sentiment.value.label,
        score: sentiment.value.score,
        at: message.createdAt,
      });
    changed();
    await updateConversationMood(deps, {
      workspaceId,
      conversationId: message.conversationId,
      language,
      sentiment: sentiment?.value ?? null,
    });
  }

  const conversation = await createConversationsRepo({ db }).get(workspaceId, message.conversationId);
  if (conversation?.handledBy === "bot") {
    await runBotTurn(deps, {
      workspaceId,
      conversationId: message.conversationId,
      messageId,
      text,
      language: language?.language ?? null,
      sentiment: sentiment?.value ?? null,
    });
    // A failure (the database, the handoff) propagates: the task is retried, and the turn is safe to repeat (the bot
    // remembers the message it acted on, and its reply has an idempotency key) — a customer is never left unanswered.
  }
  return "done";
}

const wordsOf = (content: InboundContent): string => {
  // Media without words has nothing to score; a bracketed description is Papo's, not the customer's.
  const words = inboundWords(content);
  return words ?? "";
};

async function transcribeVoiceNote(
  deps: Deps,
  workspace: WorkspaceCopilot,
  message: StoredMessage,
  lastAttempt: boolean,
): Promise<
  "waiting_for_media" | { patch: Parameters<ReturnType<typeof createInsightsRepo>["upsertMessage"]>[1]; transcript: string | null }
> {
  const unavailable = (reason: string) => ({
    patch: { transcriptStatus: "unavailable" as const, transcriptReason: reason },
    transcript: null,
  });
  const failed = (reason: string) => ({ patch: { transcriptStatus: "failed" as const, transcriptReason: reason }, transcript: null });
  if (!workspace.isEnabled("transcription")) return unavailable(TRANSCRIPT_REASONS.switchedOff);
  if (!workspace.copilot.capabilities.has("transcription")) return unavailable(TRANSCRIPT_REASONS.noProvider);
  const media = message.mediaId
    ? await createMediaRepo({ db: deps.database.db, cipher: deps.cipher }).get(message.workspaceId, message.mediaId)
    : undefined;
  if (!media) return failed(TRANSCRIPT_REASONS.mediaFailed);
  if (media.status === "pending") return "waiting_for_media";
  if (media.status === "failed" || !media.storageKey) return failed(TRANSCRIPT_REASONS.mediaFailed);
  const data = await deps.storage.read({ workspaceId: message.workspaceId, mediaId: media.id, storageKey: media.storageKey });
  let outcome: Outcome<Transcript>;
  try {
    outcome = await workspace.copilot.transcribe({ data: new Uint8Array(data), mimeType: media.mimeType ?? "audio/ogg" });
  } catch (error) {
    if (error instanceof CapabilityUnavailableError) return unavailable(TRANSCRIPT_REASONS.noProvider);
    if (lastAttempt) return failed(TRANSCRIPT_REASONS.providerFailed);
    throw error;
  }
  return {
    patch: {
      transcriptStatus: "done",
      transcript: outcome.value.text,
      transcriptLanguage: outcome.value.language,
      transcriptEngine: outcome.engine,
      transcriptReason: null,
    },
    transcript: outcome.value.text,
  };
}

/** Folds the message into the conversation's mood under a row lock (two messages of one conversation at once). */
async function updateConversationMood(
  deps: Deps,
  args: { workspaceId: string; conversationId: string; language: LanguageGuess | null; sentiment: Sentiment | null },
): Promise<void> {
  const { workspaceId, conversationId } = args;
  const emitted: DomainEvent[] = [];
  await deps.database.db.transaction(async (tx) => {
    const insights = createInsightsRepo({ db: tx, cipher: deps.cipher });
    const row = await insights.lockConversation(workspaceId, conversationId);
    const conversation = await createConversationsRepo({ db: tx }).get(workspaceId, conversationId);
    if (!conversation) return;
    const previous: ConversationMood = row
      ? {
          language: (row.language as ConversationMood["language"]) ?? null,
          sentimentScore: row.sentimentScore,
          sentimentLabel: (row.sentimentLabel as ConversationMood["sentimentLabel"]) ?? null,
          sentimentTrend: row.sentimentTrend,
          negativeStreak: row.negativeStreak,
          needsAttention: row.needsAttention,
        }
      : NEUTRAL_MOOD;
    const [latest] = await tx
      .select({ direction: messages.direction })
      .from(messages)
      .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), sql`${messages.type} <> 'reaction'`))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(1);
    const mood = nextMood(
      previous,
      { language: args.language, sentiment: args.sentiment },
      {
        waitingForAnswer: latest?.direction === "inbound" && conversation.status !== "resolved",
        handledByHuman: conversation.handledBy === "human",
      },
    );
    await insights.upsertConversation({ workspaceId, conversationId }, { ...mood, updatedAt: deps.clock.now() });
    const moodChanged = JSON.stringify(mood) !== JSON.stringify(previous);
    if (moodChanged) emitted.push({ type: "conversation.updated", workspaceId, conversationId });
    if (mood.needsAttention && !previous.needsAttention)
      emitted.push({ type: "conversation.needs_attention", workspaceId, conversationId });
  });
  for (const event of emitted) deps.events.emit(event);
}

/** An answer went out: the conversation no longer waits, so its attention flag clears (and may be raised again). */
export async function clearAttentionAfterReply(deps: Deps, event: { workspaceId: string; conversationId: string; messageId: string }) {
  const [row] = await deps.database.db
    .select({ direction: messages.direction })
    .from(messages)
    .where(and(eq(messages.workspaceId, event.workspaceId), eq(messages.id, event.messageId)));
  if (row?.direction !== "outbound") return;
  const cleared = await createInsightsRepo({ db: deps.database.db, cipher: deps.cipher }).clearAttention(
    event.workspaceId,
    event.conversationId,
    deps.clock.now(),
  );
  if (cleared) deps.events.emit({ type: "conversation.updated", workspaceId: event.workspaceId, conversationId: event.conversationId });
}
