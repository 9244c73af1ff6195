import type { ServiceContext } from "../../context.ts";
import type { Deps } from "../../deps.ts";
import { createChannelsRepo } from "../channels/repo.ts";
import { createMessagesRepo } from "../messages/repo.ts";

/**
 * When an agent reads a conversation, the customer sees blue ticks: Meta marks the newest inbound message and every
 * earlier one as read. Best effort and after the answer — a failed receipt is logged, it never fails the agent's action.
 */
export function sendReadReceipt({
  ctx,
  conversationId,
  channelId,
  deps,
}: {
  ctx: ServiceContext;
  conversationId: string;
  channelId: string;
  deps: Deps;
}): Promise<void> {
  const run = async () => {
    const { db } = deps.database;
    const latest = await createMessagesRepo({ db, cipher: deps.cipher }).latestInboundWithWamid(ctx.workspaceId, conversationId);
    const channel = await createChannelsRepo({ db, cipher: deps.cipher }).get(ctx.workspaceId, channelId);
    if (!latest?.waMessageId || !channel) return;
    await deps.clientFor(channel).markAsRead({ messageId: latest.waMessageId });
  };
  return run().catch((error: unknown) => deps.log.warn({ err: error, conversationId }, "read receipt not sent"));
}
