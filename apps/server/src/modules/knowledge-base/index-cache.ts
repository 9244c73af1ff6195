import { type CannedSnippet, createKnowledgeIndex, type KnowledgeArticle, type KnowledgeIndex, type PastReply } from "@papo/copilot";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { messages } from "../../db/schema/messages.ts";
import type { Deps } from "../../deps.ts";
import type { EventBus } from "../../events/bus.ts";
import { createCannedResponsesRepo } from "../canned-responses/repo.ts";
import { createKnowledgeBaseRepo } from "./repo.ts";

/** Other processes change articles and canned responses too (and new agent replies arrive): rebuild at least this often. */
export const INDEX_TTL_MS = 60_000;
/** Enough history to ground on how the team really answers, small enough to rebuild in milliseconds. */
const MAX_PAST_REPLIES = 300;
/** Recent text messages read to find those pairs (a pair needs a customer message and the agent's answer). */
const PAST_MESSAGES_SCANNED = 2000;

interface Entry {
  builtAt: number;
  index: Promise<KnowledgeIndex>;
}

/** One cache per event bus (one per running application; tests start several in one process). */
const caches = new WeakMap<EventBus, Map<string, Entry>>();

function cacheOf(events: EventBus): Map<string, Entry> {
  let cache = caches.get(events);
  if (!cache) {
    const created = new Map<string, Entry>();
    cache = created;
    caches.set(events, created);
    events.on((event) => {
      if (event.type === "canned_response.changed") created.delete(event.workspaceId);
    });
  }
  return cache;
}

/** Drops the workspace's index after its articles changed; the next question rebuilds it. */
export function invalidateKnowledgeIndex(deps: Pick<Deps, "events">, workspaceId: string): void {
  cacheOf(deps.events).delete(workspaceId);
}

/**
 * The workspace's retrieval index over its enabled articles, canned responses and recent agent answers, shared by the
 * bot and the agent assist. Built once and reused until an article or canned response changes in this process, or
 * for at most a minute.
 */
export function knowledgeIndexFor(deps: Deps, workspaceId: string): Promise<KnowledgeIndex> {
  const cache = cacheOf(deps.events);
  const now = Date.now();
  const cached = cache.get(workspaceId);
  if (cached && now - cached.builtAt < INDEX_TTL_MS) return cached.index;
  const index = buildIndex(deps, workspaceId);
  const entry: Entry = { builtAt: now, index };
  cache.set(workspaceId, entry);
  // A failed build is not cached: the next caller tries again.
  index.catch(() => {
    if (cache.get(workspaceId) === entry) cache.delete(workspaceId);
  });
  return index;
}

async function buildIndex(deps: Deps, workspaceId: string): Promise<KnowledgeIndex> {
  const db = deps.database.db;
  const articles: KnowledgeArticle[] = (await createKnowledgeBaseRepo({ db }).listEnabled(workspaceId)).map((a) => ({
    id: a.id,
    title: a.title,
    body: a.body,
    tags: a.tags,
    phrasings: a.phrasings,
    language: a.language,
  }));
  const canned: CannedSnippet[] = (await createCannedResponsesRepo({ db, cipher: deps.cipher }).list(workspaceId)).map((c) => ({
    id: c.id,
    title: c.title,
    body: c.body,
  }));
  const pastReplies = await loadPastReplies(deps, workspaceId);
  return createKnowledgeIndex({ articles, canned, pastReplies });
}

/**
 * Recent (customer question, agent answer) pairs: a customer's text message directly followed by an agent's text reply
 * in the same conversation. Erased messages and other senders (bot, system) are left out.
 */
export async function loadPastReplies(deps: Pick<Deps, "database" | "cipher">, workspaceId: string): Promise<PastReply[]> {
  const rows = await deps.database.db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      senderKind: messages.senderKind,
      textEnc: messages.textEnc,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.type, "text"),
        inArray(messages.senderKind, ["contact", "agent"]),
        isNull(messages.contentErasedAt),
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(PAST_MESSAGES_SCANNED);

  const byConversation = new Map<string, typeof rows>();
  for (const row of rows) byConversation.set(row.conversationId, [...(byConversation.get(row.conversationId) ?? []), row]);

  const open = (row: (typeof rows)[number]): string =>
    row.textEnc === null
      ? ""
      : deps.cipher.decrypt({ workspaceId, table: "messages", column: "text_enc", rowId: row.id }, row.textEnc).trim();

  const pairs: Array<PastReply & { at: number }> = [];
  for (const list of byConversation.values()) {
    // Rows came newest first: walk oldest first so "followed by" reads naturally.
    const ordered = [...list].reverse();
    for (let i = 0; i + 1 < ordered.length; i++) {
      const question = ordered[i];
      const answer = ordered[i + 1];
      if (!question || !answer || question.senderKind !== "contact" || answer.senderKind !== "agent") continue;
      const questionText = open(question);
      const answerText = open(answer);
      if (!questionText || !answerText) continue;
      pairs.push({ id: answer.id, question: questionText, answer: answerText, at: answer.createdAt.getTime() });
    }
  }
  return pairs
    .sort((a, b) => b.at - a.at)
    .slice(0, MAX_PAST_REPLIES)
    .map(({ at: _at, ...pair }) => pair);
}
