import { useCallback, useSyncExternalStore } from "react";
import { createBrowserStore, type KeyValueStore } from "../../../lib/key-value-store.ts";
import { isKnownEmoji } from "../utils/emoji-data.ts";

const KEY = "papo.emoji.recent";
const MAX = 16;
/** Emojis never contain a space: the list is stored as one space-separated string. */
const SEPARATOR = " ";

const store: KeyValueStore = createBrowserStore();
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const snapshot = () => store.getItem(KEY) ?? "";

/** The emojis this browser picked last (newest first, at most 16), kept across reloads; `remember` adds one. */
export function useRecentEmojis(): { recent: string[]; remember: (emoji: string) => void } {
  const raw = useSyncExternalStore(subscribe, snapshot);
  const recent = raw.split(SEPARATOR).filter((emoji) => emoji !== "" && isKnownEmoji(emoji));
  const remember = useCallback((emoji: string) => {
    const current = snapshot().split(SEPARATOR).filter(Boolean);
    store.setItem(KEY, [emoji, ...current.filter((e) => e !== emoji)].slice(0, MAX).join(SEPARATOR));
    for (const listener of listeners) listener();
  }, []);
  return { recent, remember };
}
