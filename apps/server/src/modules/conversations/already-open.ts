import type { Db } from "../../db/client.ts";
import { AppError, isUniqueViolation } from "../../http/errors.ts";
import { createConversationsRepo } from "./repo.ts";

/**
 * For a write that may reopen a conversation: one unresolved conversation per customer and number, so reopening an old
 * one while a newer is open breaks the unique index. That error becomes a 409 naming the open conversation; any other
 * is thrown as it is.
 */
export function refuseWhenAlreadyOpen(db: Db, workspaceId: string, conversationId: string): (error: unknown) => Promise<never> {
  return async (error) => {
    if (!isUniqueViolation(error)) throw error;
    const repo = createConversationsRepo({ db });
    const current = await repo.get(workspaceId, conversationId);
    const open = current && (await repo.findUnresolved(workspaceId, current.channelId, current.contactId));
    throw new AppError({
      code: "conversations.already_open",
      status: 409,
      message: `status: the customer already has an open conversation on this number${open ? ` (${open.id})` : ""}`,
      details: { openConversationId: open?.id ?? null },
    });
  };
}
