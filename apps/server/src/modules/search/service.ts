import type { SQL } from "drizzle-orm";
import type { ServiceContext } from "../../context.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { badRequest } from "../../http/errors.ts";
import { decodeCursor, toPage } from "../../http/pagination.ts";
import { conversationScope } from "../access/scope.ts";
import { createContactsRepo } from "../contacts/repo.ts";
import { toContactDto } from "../contacts/routes.ts";
import { conversationMatch, createSearchRepo } from "./repo.ts";
import type { SearchQuery, SearchResult } from "./schemas.ts";
import { buildSnippet } from "./snippet.ts";
import { messageTexts, parseQuery } from "./terms.ts";

/**
 * Searches the caller's messages and contacts through the blind indexes: every query word must match (see
 * `parseQuery`), results are limited to the conversations the caller may see (agents: their numbers' and their own),
 * newest first, and only the page returned is decrypted (for the snippet and the contact's name).
 */
export async function search({
  db,
  cipher,
  ctx,
  query,
}: {
  db: DbOrTx;
  cipher: FieldCipher;
  ctx: ServiceContext;
  query: SearchQuery;
}): Promise<SearchResult> {
  const ws = ctx.workspaceId;
  if (query.type === "all" && query.cursor)
    throw badRequest("search.cursor_needs_type", "cursor: page through one kind at a time (type=messages or type=contacts)", {
      field: "cursor",
    });
  const before = decodeCursor(query.cursor);
  const parsed = parseQuery(query.q);
  const wantsMessages = query.type !== "contacts";
  const wantsContacts = query.type !== "messages";
  if ((!wantsMessages || parsed.messages.length === 0) && (!wantsContacts || parsed.contacts.length === 0))
    throw badRequest(
      "search.query_empty",
      "q: nothing to search for (words need 2 characters or more and common words like “de” or “the” are skipped)",
      { field: "q" },
    );
  const scope = conversationScope(ctx);
  const repo = createSearchRepo({ db, cipher });
  const contactsRepo = createContactsRepo({ db, cipher });
  const key = (row: { createdAt: Date; id: string }) => ({ at: row.createdAt, id: row.id });

  let messages: SearchResult["messages"] = null;
  if (wantsMessages) {
    const rows = await repo.findMessages(ws, parsed.messages, { limit: query.limit + 1, before }, scope);
    const paged = toPage(rows, query.limit, (row) => row, key);
    const people = await contactsRepo.getMany(
      ws,
      paged.data.map((row) => row.contactId),
    );
    messages = {
      data: paged.data.map((row) => {
        const person = people.get(row.contactId);
        return {
          id: row.id,
          conversationId: row.conversationId,
          contactId: row.contactId,
          channelId: row.channelId,
          contactName: person ? toContactDto(person).name : null,
          direction: row.direction,
          type: row.type,
          createdAt: row.createdAt.toISOString(),
          snippet: buildSnippet(messageTexts(row), parsed.highlight),
        };
      }),
      nextCursor: paged.nextCursor,
    };
  }

  let contacts: SearchResult["contacts"] = null;
  if (wantsContacts) {
    const ids = await repo.findContactIds(ws, parsed.contacts, { limit: query.limit + 1, before }, scope);
    const paged = toPage(ids, query.limit, (row) => row, key);
    const found = await contactsRepo.getMany(
      ws,
      paged.data.map((row) => row.id),
    );
    contacts = {
      data: paged.data.flatMap((row) => {
        const contact = found.get(row.id);
        return contact ? [toContactDto(contact)] : [];
      }),
      nextCursor: paged.nextCursor,
    };
  }
  return { messages, contacts };
}

/**
 * The conversation list's `q` as a condition on `conversations`: the contact or one of the messages matches. A query
 * with nothing searchable is refused like the search's.
 */
export function conversationSearch({ cipher, workspaceId, q }: { cipher: FieldCipher; workspaceId: string; q: string }): SQL {
  const condition = conversationMatch(cipher, { workspaceId, query: parseQuery(q) });
  if (!condition) throw badRequest("search.query_empty", "q: nothing to search for (words need 2 characters or more)", { field: "q" });
  return condition;
}
