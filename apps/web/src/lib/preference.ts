import type { KeyValueStore } from "./key-value-store.ts";

/** One persisted user setting (theme, language, notifications) that components can subscribe to. */
export interface Preference<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
}

export function createPreference<T>({
  store,
  key,
  fallback,
  parse,
}: {
  store: KeyValueStore;
  key: string;
  fallback: () => T;
  /** Returns undefined for a stored value that is no longer valid, so the fallback applies. */
  parse: (raw: string) => T | undefined;
}): Preference<T> {
  const listeners = new Set<() => void>();
  const raw = store.getItem(key);
  let value = (raw === null ? undefined : parse(raw)) ?? fallback();
  return {
    get: () => value,
    set(next) {
      value = next;
      store.setItem(key, String(next));
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
