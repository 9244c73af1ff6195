import type { MasterKey, MasterKeys } from "./master-key.ts";

/** What the field cipher reads on every call: the key that encrypts, and every key that may decrypt. */
export type KeyRingView = Pick<MasterKeys, "current" | "byId">;

/**
 * The master keys of the running process, shared by every FieldCipher made from it: replacing its contents switches
 * the key new ciphertexts are made under at once (online rotation), while every key still in the ring keeps decrypting.
 */
export interface KeyRing extends KeyRingView {
  /** Ids, current first. */
  ids(): string[];
  /**
   * Takes a new ring. Returns what changed: whether the current key did, and which ids came and went. Listeners are
   * told after the switch.
   */
  replace(next: KeyRingView): { currentChanged: boolean; added: string[]; removed: string[] };
  onChange(listener: (change: { currentChanged: boolean; added: string[]; removed: string[] }) => void): () => void;
}

export function createKeyRing(initial: KeyRingView): KeyRing {
  let current: MasterKey = initial.current;
  let byId: ReadonlyMap<string, MasterKey> = new Map(initial.byId);
  const listeners = new Set<Parameters<KeyRing["onChange"]>[0]>();
  return {
    get current() {
      return current;
    },
    get byId() {
      return byId;
    },
    ids: () => [current.id, ...[...byId.keys()].filter((id) => id !== current.id)],
    replace(next) {
      const change = {
        currentChanged: next.current.id !== current.id,
        added: [...next.byId.keys()].filter((id) => !byId.has(id)),
        removed: [...byId.keys()].filter((id) => !next.byId.has(id)),
      };
      // The new current key must be able to decrypt what it encrypts, whatever the caller passed.
      byId = new Map([...next.byId, [next.current.id, next.current]]);
      current = next.current;
      if (change.currentChanged || change.added.length > 0 || change.removed.length > 0) {
        for (const listener of listeners) listener(change);
      }
      return change;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
