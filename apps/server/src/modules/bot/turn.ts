import { type BotDecision, decideBotTurn, type Language, type RetrievalHit, type Sentiment } from "@papo/copilot";
import { and, eq } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import type { Deps } from "../../deps.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import { copilotFor } from "../copilot/copilot-for.ts";
import { loadTurns } from "../copilot/turns.ts";
import { knowledgeIndexFor } from "../knowledge-base/index-cache.ts";
import { retrieveHits } from "../knowledge-base/retrieve.ts";
import { queueBotMessage, windowOpen } from "./bot-message.ts";
import { isWithinBusinessHours } from "./business-hours.ts";
import { handOff } from "./handoff.ts";
import { createBotSettingsRepo } from "./settings-repo.ts";
import { createBotStateRepo } from "./state-repo.ts";

export interface BotTurnInput {
  workspaceId: string;
  conversationId: string;
  messageId: string;
  /** The customer's words: text, caption or transcript; empty for media without words (a sticker, a photo). */
  text: string;
  language: Language | null;
  sentiment: Sentiment | null;
}

/** Turns of context the answering engine reads (the built-in one only needs the last question). */
const CONTEXT_TURNS = 12;
const HITS = 5;
/** Without a sentiment (the feature is off), the policy reads the message as neutral. */
const NEUTRAL: Sentiment = { label: "neutral", score: 0, confidence: 0, lowConfidence: true };

/**
 * The hybrid bot's turn for one new customer message of a bot-handled conversation: answer from the knowledge base,
 * ask one clarifying question, or hand the conversation to a person (and why). Called by the inbound analysis worker
 * after language and sentiment; everything is re-checked here because the conversation may have changed hands since.
 * A task run twice sends at most one reply: every message the bot queues is keyed by the customer message.
 */
export async function runBotTurn(deps: Deps, input: BotTurnInput): Promise<void> {
  const { workspaceId, conversationId, messageId } = input;
  const conversation = await createConversationsRepo({ db: deps.database.db }).get(workspaceId, conversationId);
  // An assignee means a person took the conversation (even without the Transfer button): the bot stays silent.
  if (conversation?.handledBy !== "bot" || conversation.status === "resolved" || conversation.assigneeId !== null) return;
  const settings = await createBotSettingsRepo({ db: deps.database.db }).get(conversation.channelId);
  if (settings.mode !== "bot_first") return;
  const noticeKey = `bot:${messageId}`;
  const handOffBecause = (reason: "bot_unavailable", detail: string) =>
    handOff(deps, {
      workspaceId,
      conversationId,
      reason,
      detail,
      by: { kind: "bot" },
      language: input.language,
      noticeKey,
      turnMessageId: messageId,
    });

  const workspace = await copilotFor(deps, workspaceId);
  // The team switched the bot off: nobody would answer a conversation left with it.
  if (!workspace.isEnabled("bot")) return void (await handOffBecause("bot_unavailable", "bot feature switched off"));
  const now = deps.clock.now();
  // Processed after the window closed (a long outage): only a person can reach the customer now (with a template).
  if (!windowOpen(conversation, now)) return void (await handOffBecause("bot_unavailable", "customer service window closed"));

  const { copilot } = workspace;
  const text = input.text.trim();
  const language: Language = input.language ?? (text ? copilot.detectLanguage(text).language : null) ?? "pt";
  let decision: BotDecision;
  let engine: "builtin" | "provider" = "builtin";
  try {
    const { lastMessageId, ...state } = await createBotStateRepo({ db: deps.database.db }).get(conversationId);
    if (lastMessageId === messageId) return;
    const handoff = copilot.detectHandoffRequest(text, language);
    // Media without words (a sticker, a photo, a location) cannot be looked up: it counts as an unclear message.
    let answer = null;
    let hits: RetrievalHit[] = [];
    if (text) {
      hits = await retrieveHits(await knowledgeIndexFor(deps, workspaceId), copilot, text, {
        language,
        limit: HITS,
        // Never a past agent reply: it was written for another customer and may hold their data.
        kinds: ["article", "canned"],
      });
      if (hits.length > 0) {
        const turns = await loadTurns(deps, workspaceId, conversationId, { limit: CONTEXT_TURNS });
        const outcome = await copilot.answer({ turns, hits, language });
        answer = outcome.value;
        engine = outcome.engine;
      }
    }
    decision = decideBotTurn({
      text,
      language,
      sentiment: input.sentiment ?? NEUTRAL,
      handoff: answer?.wantsHuman && !handoff.wantsHuman ? { wantsHuman: true, confidence: answer.confidence } : handoff,
      answer,
      hits,
      state,
      rules: {
        confidenceThreshold: settings.confidenceThreshold,
        humanOnlyTopics: settings.humanOnlyTopics,
        negativeSentimentThreshold: settings.negativeSentimentThreshold,
        withinBusinessHours: isWithinBusinessHours(settings.businessHours, now),
      },
    });
  } catch (error) {
    deps.log.warn({ err: error, conversationId }, "bot turn failed: handing off to a person");
    await handOffBecause("bot_unavailable", "the copilot failed");
    return;
  }

  if (decision.action === "handoff") {
    await handOff(deps, {
      workspaceId,
      conversationId,
      reason: decision.reason,
      detail: decision.detail ?? null,
      by: { kind: "bot" },
      language,
      noticeKey,
      turnMessageId: messageId,
    });
    return;
  }

  const reply =
    decision.action === "answer"
      ? { text: decision.answer.text, bot: { citation: decision.answer.citation, engine } }
      : { text: decision.text, bot: { citation: null, engine: "builtin" as const } };
  const queuedId = await deps.database.db.transaction(async (tx) => {
    // The conversation may have gone to a person while the bot was thinking: then the bot stays silent.
    const [current] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)))
      .for("update");
    if (current?.handledBy !== "bot" || current.assigneeId !== null) return null;
    const state = createBotStateRepo({ db: tx });
    // Another run of this task (a retry, or a second worker) already acted on this message.
    if ((await state.get(conversationId)).lastMessageId === messageId) return null;
    const id = await queueBotMessage(tx, deps, { conversation: current, text: reply.text, idempotencyKey: noticeKey, bot: reply.bot });
    // Counted only with the message, so a retried task does not count one question twice.
    if (id) {
      if (decision.action === "clarify") await state.addClarification(workspaceId, conversationId, messageId, now);
      else await state.reset(workspaceId, conversationId, now, messageId);
    }
    return id;
  });
  if (!queuedId) return;
  deps.events.emit({ type: "message.created", workspaceId, conversationId, messageId: queuedId });
  deps.events.emit({ type: "conversation.updated", workspaceId, conversationId });
  deps.kick.send();
}
