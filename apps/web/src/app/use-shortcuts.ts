import { useEffect, useRef } from "react";

export interface ShortcutHandlers {
  next(): void;
  previous(): void;
  reply(): void;
  help(): void;
  /** On the open conversation (each does nothing when none is open). */
  assignToMe?(): void;
  resolve?(): void;
  markUnread?(): void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Single-key shortcuts (j, k, r, a, e, u, ?), ignored while the agent types in a field or holds a modifier. */
export function useShortcuts(handlers: ShortcutHandlers, { enabled }: { enabled: boolean }): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const actions: Record<string, (() => void) | undefined> = {
        j: latest.current.next,
        k: latest.current.previous,
        r: latest.current.reply,
        a: latest.current.assignToMe,
        e: latest.current.resolve,
        u: latest.current.markUnread,
        "?": latest.current.help,
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
