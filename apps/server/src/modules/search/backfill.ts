import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db } from "../../db/client.ts";
import { contacts } from "../../db/schema/contacts.ts";
import { messages } from "../../db/schema/messages.ts";
import { searchBackfill } from "../../db/schema/search-backfill.ts";
import { type SearchItemType, searchItemTypes, searchTerms } from "../../db/schema/search-terms.ts";
import type { WorkerLoop } from "../../jobs/worker-loop.ts";
import { createContactsRepo } from "../contacts/repo.ts";
import { contactTerms, messageTerms } from "./terms.ts";
import { insertSearchTerms } from "./terms-repo.ts";

export interface BackfillStatus {
  indexed: number;
  completedAt: Date | null;
}

/** How far the backfill of each item type has got; `completedAt` set means every older item is searchable. */
export async function searchBackfillStatus(db: Db): Promise<Record<SearchItemType, BackfillStatus>> {
  const rows = await db.select().from(searchBackfill);
  const status = Object.fromEntries(searchItemTypes.map((type) => [type, { indexed: 0, completedAt: null }])) as Record<
    SearchItemType,
    BackfillStatus
  >;
  for (const row of rows) status[row.itemType] = { indexed: row.indexed, completedAt: row.completedAt };
  return status;
}

/** Items of `type` with no search term yet (stored before search existed), after `afterId` in key order. */
const unindexed = (type: SearchItemType, idColumn: typeof messages.id | typeof contacts.id) =>
  sql`not exists (select 1 from ${searchTerms} st where st.item_type = ${type} and st.item_id = ${idColumn})`;

/**
 * Indexes one batch of items that have no terms (items stored before search existed) and moves the cursor, in one
 * transaction. Returns false when the end was reached (the type is then marked complete).
 */
export async function backfillBatch({
  db,
  cipher,
  log,
  type,
  batchSize,
}: {
  db: Db;
  cipher: FieldCipher;
  log: Logger;
  type: SearchItemType;
  batchSize: number;
}): Promise<boolean> {
  await db.insert(searchBackfill).values({ itemType: type }).onConflictDoNothing();
  return db.transaction(async (tx) => {
    const [state] = await tx.select().from(searchBackfill).where(eq(searchBackfill.itemType, type)).for("update");
    if (!state || state.completedAt) return false;
    let lastId: string | undefined;
    let seen = 0;
    let indexed = 0;
    const index = async (item: { id: string; workspaceId: string }, terms: () => Parameters<typeof insertSearchTerms>[2]["terms"]) => {
      try {
        const list = terms();
        await insertSearchTerms(tx, cipher, { workspaceId: item.workspaceId, itemType: type, itemId: item.id, terms: list });
        if (list.length > 0) indexed++;
      } catch (error) {
        // An item that cannot be read (a key retired too early) stays unsearchable; the backfill goes on.
        log.warn({ err: error, itemType: type, itemId: item.id }, "search backfill skipped an item it could not read");
      }
    };
    if (type === "message") {
      const rows = await tx
        .select({
          id: messages.id,
          workspaceId: messages.workspaceId,
          direction: messages.direction,
          textEnc: messages.textEnc,
          contentEnc: messages.contentEnc,
        })
        .from(messages)
        .where(and(state.afterId ? gt(messages.id, state.afterId) : undefined, unindexed(type, messages.id)))
        .orderBy(asc(messages.id))
        .limit(batchSize);
      for (const row of rows) {
        const place = (column: string) => ({ workspaceId: row.workspaceId, table: "messages", column, rowId: row.id });
        await index(row, () =>
          messageTerms({
            direction: row.direction,
            text: row.textEnc === null ? null : cipher.decrypt(place("text_enc"), row.textEnc),
            content: cipher.decryptJson(place("content_enc"), row.contentEnc),
          }),
        );
      }
      seen = rows.length;
      lastId = rows.at(-1)?.id;
    } else {
      const rows = await tx
        .select({ id: contacts.id, workspaceId: contacts.workspaceId })
        .from(contacts)
        .where(and(state.afterId ? gt(contacts.id, state.afterId) : undefined, unindexed(type, contacts.id)))
        .orderBy(asc(contacts.id))
        .limit(batchSize);
      const repo = createContactsRepo({ db: tx, cipher });
      for (const row of rows) {
        const contact = await repo.get(row.workspaceId, row.id).catch((error: unknown) => {
          log.warn({ err: error, itemType: type, itemId: row.id }, "search backfill skipped an item it could not read");
          return undefined;
        });
        if (contact) await index(row, () => contactTerms(contact));
      }
      seen = rows.length;
      lastId = rows.at(-1)?.id;
    }
    const done = seen < batchSize;
    await tx
      .update(searchBackfill)
      .set({
        ...(lastId ? { afterId: lastId } : {}),
        indexed: sql`${searchBackfill.indexed} + ${indexed}`,
        ...(done ? { completedAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(eq(searchBackfill.itemType, type));
    if (done) log.info({ itemType: type, indexed: state.indexed + indexed }, "search backfill complete");
    return !done;
  });
}

/**
 * Indexes, in the background, every message and contact stored before search existed, in batches (one transaction
 * each, resumable after a restart from `search_backfill`), then stops for good. Several nodes may run it: the cursor
 * row is locked per batch, so they take turns. `searchBackfillStatus` tells when it is done.
 */
export function startSearchBackfill({
  db,
  cipher,
  log,
  batchSize = 200,
}: {
  db: Db;
  cipher: FieldCipher;
  log: Logger;
  batchSize?: number;
}): WorkerLoop & { done: Promise<void> } {
  let running = true;
  const done = (async () => {
    for (const type of searchItemTypes) {
      try {
        while (running && (await backfillBatch({ db, cipher, log, type, batchSize }))) {
          // Yield between batches so the backfill never holds the event loop or the database for long.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        if (running) log.error({ err: error, itemType: type }, "search backfill failed; it resumes at the next start");
      }
    }
  })();
  return {
    kick: () => {},
    done,
    async stop() {
      running = false;
      await done;
    },
  };
}
