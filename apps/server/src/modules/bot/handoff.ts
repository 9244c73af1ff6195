import type { EngineName, HandoffReason, Language, Turn } from "@papo/copilot";
import { and, eq } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import type { Deps } from "../../deps.ts";
import type { DomainEvent } from "../../events/bus.ts";
import type { Conversation } from "../conversations/repo.ts";
import { copilotFor } from "../copilot/copilot-for.ts";
import { loadTurns } from "../copilot/turns.ts";
import { recordHandoff } from "../reports/facts.ts";
import { BOT_ACTOR, queueBotMessage, windowOpen } from "./bot-message.ts";
import { createHandoffsRepo, type Handoff } from "./handoffs-repo.ts";
import { createBotSettingsRepo } from "./settings-repo.ts";
import { createBotStateRepo } from "./state-repo.ts";

export interface HandOffInput {
  workspaceId: string;
  conversationId: string;
  reason: HandoffReason;
  detail?: string | null | undefined;
  by: { kind: "bot" } | { kind: "user"; userId: string };
  /** The customer's language for the notice and the summary; detected from the conversation when absent. */
  language?: Language | null | undefined;
  /**
   * Idempotency key of the customer-facing notice. The bot passes one tied to the message it was answering, so a task
   * that runs twice tells the customer once; without one (an agent's transfer) no notice is sent: a person is there.
   */
  noticeKey?: string | undefined;
  /** The customer message the bot is acting on: a second run of the same turn hands off nothing. */
  turnMessageId?: string | undefined;
}

/** How many turns the handoff summary reads. */
const SUMMARY_TURNS = 30;

/**
 * Moves a conversation from the bot to the people: handled by a human, unassigned and open (the queue), with a
 * handoff record holding the reason and a summary. The summary is computed first (the built-in engine always
 * answers), then everything else commits together. A bot handoff of a conversation no longer handled by the bot (an
 * agent took it meanwhile, or the task ran twice) changes nothing and returns null.
 */
export async function handOff(deps: Deps, input: HandOffInput): Promise<Handoff | null> {
  const { workspaceId, conversationId } = input;
  const { copilot } = await copilotFor(deps, workspaceId);
  const turns = await loadTurns(deps, workspaceId, conversationId, { limit: SUMMARY_TURNS });
  const language = input.language ?? conversationLanguage(turns, (text) => copilot.detectLanguage(text).language);
  const summary = await copilot.summarize(turns, language).catch((error: unknown) => {
    deps.log.warn({ err: error, conversationId }, "handoff summary failed: handed off without one");
    return null;
  });

  const emitted: DomainEvent[] = [];
  const handoff = await deps.database.db.transaction(async (tx) => {
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)))
      .for("update");
    if (!conversation) return null;
    if (input.by.kind === "bot" && conversation.handledBy !== "bot") return null;
    const state = createBotStateRepo({ db: tx });
    if (input.turnMessageId && (await state.get(conversationId)).lastMessageId === input.turnMessageId) return null;
    const now = deps.clock.now();
    await tx
      .update(conversations)
      .set({ handledBy: "human", assigneeId: null, status: "open", resolvedAt: null })
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    await recordHandoff(tx, { workspaceId, conversationId, reason: input.reason, at: now });
    const record = await createHandoffsRepo({ db: tx, cipher: deps.cipher }).insert(workspaceId, {
      conversationId,
      reason: input.reason,
      detail: input.detail ?? null,
      summary: summary ? summaryText(summary.value) : null,
      summaryEngine: summary ? (summary.engine satisfies EngineName) : null,
      by: input.by,
      at: now,
    });
    await state.reset(workspaceId, conversationId, now, input.turnMessageId ?? null);
    await deps.audit.record(
      {
        workspaceId,
        actor: input.by.kind === "bot" ? BOT_ACTOR : { type: "user", id: input.by.userId },
        action: "conversation.handed_off",
        target: { type: "conversation", id: conversationId },
        details: { reason: input.reason, handoffId: record.id, summaryEngine: record.summaryEngine },
      },
      { tx },
    );
    if (input.noticeKey && windowOpen(conversation, now)) {
      const settings = await createBotSettingsRepo({ db: tx }).get(conversation.channelId);
      const replies = input.reason === "outside_business_hours" ? settings.outsideHoursReply : settings.handoffReply;
      const text = replies[language].trim();
      const messageId = text
        ? await queueBotMessage(tx, deps, {
            conversation: conversation satisfies Conversation,
            text,
            idempotencyKey: input.noticeKey,
            bot: { citation: null, engine: "builtin" },
          })
        : null;
      if (messageId) emitted.push({ type: "message.created", workspaceId, conversationId, messageId });
    }
    emitted.push({ type: "conversation.updated", workspaceId, conversationId });
    return record;
  });
  for (const event of emitted) deps.events.emit(event);
  if (emitted.some((e) => e.type === "message.created")) deps.kick.send();
  return handoff;
}

/** The summary as one note: the text, then its points as a list. */
function summaryText(summary: { text: string; points: string[] }): string {
  const points = summary.points.filter((p) => p.trim() && !summary.text.includes(p));
  return [summary.text.trim(), ...points.map((p) => `• ${p.trim()}`)].filter(Boolean).join("\n");
}

/** The language of the customer's latest message the detector is sure of; Portuguese (Papo's first language) otherwise. */
export function conversationLanguage(turns: Turn[], detect: (text: string) => Language | null): Language {
  for (const turn of [...turns].reverse()) {
    if (turn.role !== "customer") continue;
    const language = detect(turn.text);
    if (language) return language;
  }
  return "pt";
}
