import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { olderThan } from "../../db/keyset.ts";
import { contacts } from "../../db/schema/contacts.ts";
import { conversations } from "../../db/schema/conversations.ts";
import { messages } from "../../db/schema/messages.ts";
import { type SearchItemType, searchTerms } from "../../db/schema/search-terms.ts";
import { type ConversationScope, contactsInScope, conversationsInScope } from "../access/scope.ts";
import type { SearchableMessage, TermGroup } from "./terms.ts";
import { searchTermKey } from "./terms-repo.ts";

type Cursor = { at: Date; id: string } | undefined;

/** A message found by a search, with its readable fields opened (only the page returned is decrypted). */
export interface MessageHit extends SearchableMessage {
  id: string;
  workspaceId: string;
  conversationId: string;
  contactId: string;
  channelId: string;
  type: string;
  createdAt: Date;
}

/**
 * The ids of the items holding, for every group, at least one of its terms (an AND of ORs), as a sub-select: one
 * index lookup per group on (workspace_id, item_type, term), intersected.
 */
export function matchingIds(
  cipher: FieldCipher,
  { workspaceId, itemType, groups }: { workspaceId: string; itemType: SearchItemType; groups: readonly TermGroup[] },
): SQL {
  return sql.join(
    groups.map((group) => {
      const keys = [...new Set(group.map((term) => searchTermKey(cipher, workspaceId, term)))];
      return sql`select ${searchTerms.itemId} from ${searchTerms} where ${searchTerms.workspaceId} = ${workspaceId} and ${searchTerms.itemType} = ${itemType} and ${searchTerms.term} in (${sql.join(
        keys.map((key) => sql`${key}`),
        sql`, `,
      )})`;
    }),
    sql` intersect `,
  );
}

export function createSearchRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  return {
    /** Messages matching every group, newest first, in the caller's conversation scope. */
    async findMessages(
      workspaceId: string,
      groups: readonly TermGroup[],
      { limit, before }: { limit: number; before?: Cursor },
      scope: ConversationScope,
    ): Promise<MessageHit[]> {
      if (groups.length === 0) return [];
      const rows = await db
        .select({
          id: messages.id,
          workspaceId: messages.workspaceId,
          conversationId: messages.conversationId,
          contactId: messages.contactId,
          channelId: messages.channelId,
          direction: messages.direction,
          type: messages.type,
          textEnc: messages.textEnc,
          contentEnc: messages.contentEnc,
          createdAt: messages.createdAt,
        })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .where(
          and(
            eq(messages.workspaceId, workspaceId),
            eq(conversations.workspaceId, workspaceId),
            sql`${messages.id} in (${matchingIds(cipher, { workspaceId, itemType: "message", groups })})`,
            conversationsInScope(workspaceId, scope),
            olderThan(messages.createdAt, messages.id, before),
          ),
        )
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(limit);
      return rows.map(({ textEnc, contentEnc, ...row }) => {
        const place = (column: string) => ({ workspaceId, table: "messages", column, rowId: row.id });
        return {
          ...row,
          text: textEnc === null ? null : cipher.decrypt(place("text_enc"), textEnc),
          content: cipher.decryptJson(place("content_enc"), contentEnc),
        };
      });
    },
    /** Ids of the contacts matching every group, newest first, among those the caller may see. */
    async findContactIds(
      workspaceId: string,
      groups: readonly TermGroup[],
      { limit, before }: { limit: number; before?: Cursor },
      scope: ConversationScope,
    ): Promise<Array<{ id: string; createdAt: Date }>> {
      if (groups.length === 0) return [];
      return db
        .select({ id: contacts.id, createdAt: contacts.createdAt })
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, workspaceId),
            sql`${contacts.id} in (${matchingIds(cipher, { workspaceId, itemType: "contact", groups })})`,
            contactsInScope(workspaceId, scope),
            olderThan(contacts.createdAt, contacts.id, before),
          ),
        )
        .orderBy(desc(contacts.createdAt), desc(contacts.id))
        .limit(limit);
    },
  };
}

export type SearchRepo = ReturnType<typeof createSearchRepo>;

/**
 * A `where` condition on `conversations` for the conversation list's `q`: the contact matches (name, prefix, phone,
 * e-mail, tag) or one of the conversation's messages holds every word. `undefined` when the query has nothing
 * searchable for either.
 */
export function conversationMatch(
  cipher: FieldCipher,
  { workspaceId, query }: { workspaceId: string; query: { messages: readonly TermGroup[]; contacts: readonly TermGroup[] } },
): SQL | undefined {
  const parts: SQL[] = [];
  if (query.contacts.length > 0)
    parts.push(sql`${conversations.contactId} in (${matchingIds(cipher, { workspaceId, itemType: "contact", groups: query.contacts })})`);
  if (query.messages.length > 0)
    parts.push(
      sql`${conversations.id} in (select m.conversation_id from ${messages} m where m.workspace_id = ${workspaceId} and m.id in (${matchingIds(cipher, { workspaceId, itemType: "message", groups: query.messages })}))`,
    );
  if (parts.length === 0) return undefined;
  return sql`(${sql.join(parts, sql` or `)})`;
}
