import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";

/** How long a fetched JWKS is used before it is fetched again, and the least time between two fetches. */
export interface EmbedKeyTiming {
  cacheMaxAgeMs: number;
  /** A token with an unknown `kid` refetches the set, but not sooner than this after the last fetch (no fetch storms). */
  cooldownMs: number;
  timeoutMs: number;
}

export const DEFAULT_KEY_TIMING: EmbedKeyTiming = { cacheMaxAgeMs: 10 * 60_000, cooldownMs: 30_000, timeoutMs: 5_000 };

/**
 * The CRMs' public keys, one remote JWKS per workspace (jose's `createRemoteJWKSet`: fetched on first use, cached,
 * refetched when a token names a `kid` the cached set lacks — a key rotation). A changed URL starts a new set.
 */
export function createEmbedKeyStore(timing: EmbedKeyTiming = DEFAULT_KEY_TIMING) {
  const sets = new Map<string, { url: string; keys: JWTVerifyGetKey }>();
  let current = timing;
  return {
    keysFor(workspaceId: string, url: string): JWTVerifyGetKey {
      const cached = sets.get(workspaceId);
      if (cached && cached.url === url) return cached.keys;
      const keys = createRemoteJWKSet(new URL(url), {
        cacheMaxAge: current.cacheMaxAgeMs,
        cooldownDuration: current.cooldownMs,
        timeoutDuration: current.timeoutMs,
        headers: { "user-agent": "Papo (embed JWKS)" },
      });
      sets.set(workspaceId, { url, keys });
      return keys;
    },
    /** Forgets a workspace's cached keys (its settings changed). */
    forget(workspaceId: string): void {
      sets.delete(workspaceId);
    },
    /** Changes the timing of sets made from now on (tests shorten the cooldown). */
    setTiming(timing: Partial<EmbedKeyTiming>): void {
      current = { ...current, ...timing };
      sets.clear();
    },
  };
}

export type EmbedKeyStore = ReturnType<typeof createEmbedKeyStore>;

// One store per running Papo (keyed by its database handle), so two Papos in one test process never share keys.
const stores = new WeakMap<object, EmbedKeyStore>();

export function embedKeyStoreFor(owner: object): EmbedKeyStore {
  let store = stores.get(owner);
  if (!store) {
    store = createEmbedKeyStore();
    stores.set(owner, store);
  }
  return store;
}
