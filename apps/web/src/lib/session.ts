import type { LoginResponse, User } from "./api-types.ts";
import type { KeyValueStore } from "./key-value-store.ts";

export interface Session {
  token: string;
  user: User;
  /** Epoch milliseconds after which the server refuses the token. */
  expiresAt: number;
}

/** The logged-in agent, kept in a key-value store so a reload keeps the session. */
export interface SessionStore {
  get(): Session | null;
  start(login: LoginResponse): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

const KEY = "papo.session";

function isSession(value: unknown): value is Session {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<Session>;
  return typeof v.token === "string" && typeof v.expiresAt === "number" && typeof v.user?.id === "string";
}

export function createSessionStore({ store, now = Date.now }: { store: KeyValueStore; now?: () => number }): SessionStore {
  const listeners = new Set<() => void>();
  const read = (): Session | null => {
    const raw = store.getItem(KEY);
    if (!raw) return null;
    try {
      const parsed: unknown = JSON.parse(raw);
      return isSession(parsed) && parsed.expiresAt > now() ? parsed : null;
    } catch {
      return null;
    }
  };
  let current = read();
  const publish = (next: Session | null) => {
    current = next;
    for (const listener of listeners) listener();
  };
  return {
    get: () => current,
    start(login) {
      const session: Session = { token: login.token, user: login.user, expiresAt: now() + login.expiresIn * 1000 };
      store.setItem(KEY, JSON.stringify(session));
      publish(session);
    },
    clear() {
      store.removeItem(KEY);
      if (current) publish(null);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
