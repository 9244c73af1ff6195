import { useEffect, useRef } from "react";
import type { Conversation } from "../../../lib/api-types.ts";
import { useUpdateConversation } from "../api/update-conversation.ts";

/**
 * Marks the open conversation read (the customer's blue ticks) whenever it shows unread messages while the agent is
 * looking: on opening it, and when a message arrives with the tab visible.
 */
export function useMarkRead(conversation: Conversation | undefined, { isPlaceholder }: { isPlaceholder: boolean }): void {
  const update = useUpdateConversation(conversation?.id ?? "");
  const pending = useRef(false);
  const unread = conversation?.unreadCount ?? 0;
  const { mutate } = update;

  useEffect(() => {
    if (!conversation || isPlaceholder || unread === 0 || pending.current) return;
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
  }, [conversation, isPlaceholder, unread, mutate]);
}
