import type { RetrievalHit } from "@papo/copilot";
import { and, eq, inArray } from "drizzle-orm";
import type { ServiceContext } from "../../context.ts";
import type { DbOrTx } from "../../db/client.ts";
import { conversations } from "../../db/schema/conversations.ts";
import { messages } from "../../db/schema/messages.ts";
import { conversationScope, conversationsInScope } from "../access/scope.ts";

/**
 * Drops past replies the caller may not read: the index is the workspace's, but a past reply is an agent's answer in
 * some conversation (its id is that message's), and an agent limited to their numbers must not see answers given in
 * conversations out of their scope, not even as a suggestion. Articles and canned responses are shared team content.
 */
export async function hitsInScope(db: DbOrTx, ctx: ServiceContext, hits: RetrievalHit[]): Promise<RetrievalHit[]> {
  const scope = conversationScope(ctx);
  const pastReplyIds = hits.filter((hit) => hit.kind === "past_reply").map((hit) => hit.id);
  if (scope.all || pastReplyIds.length === 0) return hits;
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(eq(messages.workspaceId, ctx.workspaceId), inArray(messages.id, pastReplyIds), conversationsInScope(ctx.workspaceId, scope)),
    );
  const visible = new Set(rows.map((row) => row.id));
  return hits.filter((hit) => hit.kind !== "past_reply" || visible.has(hit.id));
}
