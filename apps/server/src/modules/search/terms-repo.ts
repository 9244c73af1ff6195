import type { Term } from "@papo/copilot";
import { and, eq, inArray } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { type SearchItemType, searchTerms } from "../../db/schema/search-terms.ts";
import { contactTerms, messageTerms, type SearchableContact, type SearchableMessage } from "./terms.ts";

/** The stored form of a term: a keyed HMAC under the workspace's blind-index key, one purpose per kind of term. */
export const searchTermKey = (cipher: FieldCipher, workspaceId: string, term: Term): string =>
  cipher.blindIndex({ workspaceId, purpose: `search:${term.kind}`, value: term.value });

/** Removes every search term of the given items (erasure, retention, re-indexing). */
export async function deleteSearchTerms(
  db: DbOrTx,
  { workspaceId, itemType, itemIds }: { workspaceId: string; itemType: SearchItemType; itemIds: readonly string[] },
): Promise<void> {
  if (itemIds.length === 0) return;
  await db
    .delete(searchTerms)
    .where(and(eq(searchTerms.workspaceId, workspaceId), eq(searchTerms.itemType, itemType), inArray(searchTerms.itemId, [...itemIds])));
}

/** Adds an item's terms (keyed here); terms it already has are kept once. */
export async function insertSearchTerms(
  db: DbOrTx,
  cipher: FieldCipher,
  { workspaceId, itemType, itemId, terms }: { workspaceId: string; itemType: SearchItemType; itemId: string; terms: readonly Term[] },
): Promise<void> {
  if (terms.length === 0) return;
  const keys = [...new Set(terms.map((term) => searchTermKey(cipher, workspaceId, term)))];
  await db
    .insert(searchTerms)
    .values(keys.map((term) => ({ workspaceId, itemType, itemId, term })))
    .onConflictDoNothing();
}

/** Indexes a message when it is stored (same transaction as the insert: a committed message is searchable). */
export async function indexMessage(
  db: DbOrTx,
  cipher: FieldCipher,
  message: SearchableMessage & { id: string; workspaceId: string },
): Promise<void> {
  await insertSearchTerms(db, cipher, {
    workspaceId: message.workspaceId,
    itemType: "message",
    itemId: message.id,
    terms: messageTerms(message),
  });
}

/** (Re-)indexes a contact after it was created or changed: its old terms go, the current ones are written. */
export async function indexContact(
  db: DbOrTx,
  cipher: FieldCipher,
  contact: SearchableContact & { id: string; workspaceId: string },
): Promise<void> {
  await deleteSearchTerms(db, { workspaceId: contact.workspaceId, itemType: "contact", itemIds: [contact.id] });
  await insertSearchTerms(db, cipher, {
    workspaceId: contact.workspaceId,
    itemType: "contact",
    itemId: contact.id,
    terms: contactTerms(contact),
  });
}
