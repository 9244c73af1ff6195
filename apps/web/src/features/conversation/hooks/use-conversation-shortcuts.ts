import { useQueryClient } from "@tanstack/react-query";
import type { Conversation } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useUpdateConversation } from "../api/update-conversation.ts";
import { assignBody } from "../utils/assignment.ts";

export interface ConversationShortcuts {
  assignToMe(): void;
  resolve(): void;
  /** Marks it unread, then `onClose` (so the open view does not mark it read again and the badge shows). */
  markUnread(): void;
}

/**
 * The actions behind the single-key shortcuts on the open conversation (`a`, `e`, `u`). Each does nothing when no
 * conversation is open or loaded, or when it would change nothing. A failure shows in the conversation's header.
 */
export function useConversationShortcuts({
  conversationId,
  userId,
  onClose,
}: {
  conversationId: string | null;
  userId: string;
  onClose: () => void;
}): ConversationShortcuts {
  const queryClient = useQueryClient();
  const update = useUpdateConversation(conversationId ?? "");
  const current = () =>
    conversationId ? queryClient.getQueryData<Conversation>(queryKeys.conversations.detail(conversationId)) : undefined;
  return {
    assignToMe() {
      const conversation = current();
      if (conversation && conversation.assigneeId !== userId) update.mutate(assignBody(conversation, userId));
    },
    resolve() {
      const conversation = current();
      if (conversation && conversation.status !== "resolved") update.mutate({ status: "resolved" });
    },
    markUnread() {
      if (current()) update.mutate({ markUnread: true }, { onSuccess: onClose });
    },
  };
}
