import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { olderThan } from "../../db/keyset.ts";
import { contactNotes } from "../../db/schema/contact-notes.ts";
import { contacts } from "../../db/schema/contacts.ts";
import { users } from "../../db/schema/users.ts";

export interface ContactNote {
  id: string;
  workspaceId: string;
  contactId: string;
  body: string;
  /** Null when the author's user was deleted. */
  author: { id: string; name: string } | null;
  createdAt: Date;
}

export function createContactNotesRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, rowId: string) => ({ workspaceId, table: "contact_notes", column: "body", rowId });

  // The author's name comes from the same workspace's users; a user of another workspace never lends a name.
  const selectNotes = () =>
    db
      .select({ note: contactNotes, authorName: users.name })
      .from(contactNotes)
      .leftJoin(users, and(eq(users.id, contactNotes.authorUserId), eq(users.workspaceId, contactNotes.workspaceId)));

  const fromRow = ({ note, authorName }: { note: typeof contactNotes.$inferSelect; authorName: string | null }): ContactNote => ({
    id: note.id,
    workspaceId: note.workspaceId,
    contactId: note.contactId,
    body: cipher.decrypt(place(note.workspaceId, note.id), note.bodyEnc),
    author: note.authorUserId && authorName !== null ? { id: note.authorUserId, name: authorName } : null,
    createdAt: note.createdAt,
  });

  const get = async (workspaceId: string, contactId: string, id: string): Promise<ContactNote | undefined> => {
    const [row] = await selectNotes().where(
      and(eq(contactNotes.workspaceId, workspaceId), eq(contactNotes.contactId, contactId), eq(contactNotes.id, id)),
    );
    return row && fromRow(row);
  };

  return {
    get,
    async contactExists(workspaceId: string, contactId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
      return Boolean(row);
    },
    /** Newest first; the cursor is the last row's (createdAt, id). */
    async list(
      workspaceId: string,
      contactId: string,
      { limit, before }: { limit: number; before?: { at: Date; id: string } | undefined },
    ): Promise<ContactNote[]> {
      const rows = await selectNotes()
        .where(
          and(
            eq(contactNotes.workspaceId, workspaceId),
            eq(contactNotes.contactId, contactId),
            olderThan(contactNotes.createdAt, contactNotes.id, before),
          ),
        )
        .orderBy(desc(contactNotes.createdAt), desc(contactNotes.id))
        .limit(limit);
      return rows.map(fromRow);
    },
    async insert(
      workspaceId: string,
      { contactId, authorUserId, body }: { contactId: string; authorUserId: string | null; body: string },
    ): Promise<ContactNote> {
      const id = randomUUID();
      await db
        .insert(contactNotes)
        .values({ id, workspaceId, contactId, authorUserId, bodyEnc: cipher.encrypt(place(workspaceId, id), body) });
      const created = await get(workspaceId, contactId, id);
      if (!created) throw new Error("contact note insert returned no row");
      return created;
    },
    async delete(workspaceId: string, contactId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(contactNotes)
        .where(and(eq(contactNotes.workspaceId, workspaceId), eq(contactNotes.contactId, contactId), eq(contactNotes.id, id)))
        .returning({ id: contactNotes.id });
      return rows.length > 0;
    },
  };
}

export type ContactNotesRepo = ReturnType<typeof createContactNotesRepo>;
