import type { LoginResponse, User } from "./api-types.ts";
import type { KeyValueStore } from "./key-value-store.ts";

export interface Session {
  token: string;
  user: User;
  /** Epoch milliseconds after which the server refuses the access token (a refresh renews it before then). */
  expiresAt: number;
}

/**
 * The logged-in agent, in memory only: the short-lived access token never touches localStorage (where any script
 * injected into the page could read it). A reload restores the session through the refresh cookie, which is httpOnly
 * (see `ApiClient.restore`).
 */
export interface SessionStore {
  get(): Session | null;
  /** Starts the session, or replaces its token after a refresh (same agent). */
  start(login: LoginResponse): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

/** Where consoles before the refresh cookie kept the whole session (a long-lived token): removed on start. */
const LEGACY_KEY = "papo.session";

export function createSessionStore({ store, now = Date.now }: { store?: KeyValueStore; now?: () => number } = {}): SessionStore {
  store?.removeItem(LEGACY_KEY);
  const listeners = new Set<() => void>();
  let current: Session | null = null;
  const publish = (next: Session | null) => {
    current = next;
    for (const listener of listeners) listener();
  };
  return {
    get: () => current,
    start(login) {
      publish({ token: login.token, user: login.user, expiresAt: now() + login.expiresIn * 1000 });
    },
    clear() {
      if (current) publish(null);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
