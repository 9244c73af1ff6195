import type { PastReply, RetrievalHit } from "@papo/copilot";
import { and, eq, inArray } from "drizzle-orm";
import type { ServiceContext } from "../../context.ts";
import type { DbOrTx } from "../../db/client.ts";
import { conversations } from "../../db/schema/conversations.ts";
import { messages } from "../../db/schema/messages.ts";
import { conversationScope, conversationsInScope } from "../access/scope.ts";

/*
 * The index is the workspace's, but a past reply is an agent's answer in some conversation (its id is that message's),
 * and a user limited to their numbers must not read answers — or the questions before them — given in conversations out
 * of their scope: not as a suggestion, a search hit or a canned-response proposal. Articles and canned responses are
 * shared team content.
 */

/** The past-reply ids (answer message ids) the caller may read; null when they see every conversation. */
async function visiblePastReplies(db: DbOrTx, ctx: ServiceContext, ids: readonly string[]): Promise<Set<string> | null> {
  const scope = conversationScope(ctx);
  if (scope.all) return null;
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.workspaceId, ctx.workspaceId), inArray(messages.id, [...ids]), conversationsInScope(ctx.workspaceId, scope)));
  return new Set(rows.map((row) => row.id));
}

/** Drops the past-reply hits the caller may not read. */
export async function hitsInScope(db: DbOrTx, ctx: ServiceContext, hits: RetrievalHit[]): Promise<RetrievalHit[]> {
  const visible = await visiblePastReplies(
    db,
    ctx,
    hits.filter((hit) => hit.kind === "past_reply").map((hit) => hit.id),
  );
  return visible ? hits.filter((hit) => hit.kind !== "past_reply" || visible.has(hit.id)) : hits;
}

/** Keeps the (question, answer) pairs of conversations the caller may read. */
export async function pastRepliesInScope(db: DbOrTx, ctx: ServiceContext, pairs: PastReply[]): Promise<PastReply[]> {
  const visible = await visiblePastReplies(
    db,
    ctx,
    pairs.map((pair) => pair.id),
  );
  return visible ? pairs.filter((pair) => visible.has(pair.id)) : pairs;
}
