import { useEffect, useRef, useState } from "react";
import type { Conversation } from "../../../lib/api-types.ts";
import { useConversationUpdates, useUpdateConversation } from "../api/update-conversation.ts";

/**
 * Marks the open conversation read (the customer's blue ticks) whenever it shows unread messages while the agent is
 * looking: on opening it, and when a message arrives with the tab visible. Not after the agent marked it unread
 * while it was open: that wish holds until the conversation is opened again.
 */
export function useMarkRead(conversation: Conversation | undefined, { isPlaceholder }: { isPlaceholder: boolean }): void {
  const update = useUpdateConversation(conversation?.id ?? "");
  const [openedAt] = useState(() => Date.now());
  const markedUnread = useConversationUpdates(conversation?.id ?? "", openedAt).some((change) => change.body?.markUnread);
  const pending = useRef(false);
  const unread = conversation?.unreadCount ?? 0;
  const { mutate } = update;

  useEffect(() => {
    if (!conversation || isPlaceholder || unread === 0 || markedUnread || pending.current) return;
    const markRead = () => {
      if (document.visibilityState === "hidden" || pending.current) return;
      pending.current = true;
      mutate(
        { markRead: true },
        {
          onSettled: () => {
            pending.current = false;
          },
        },
      );
    };
    markRead();
    document.addEventListener("visibilitychange", markRead);
    return () => document.removeEventListener("visibilitychange", markRead);
  }, [conversation, isPlaceholder, unread, markedUnread, mutate]);
}
