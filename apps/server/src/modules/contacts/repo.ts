import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, or, type SQL } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { olderThan } from "../../db/keyset.ts";
import { contacts } from "../../db/schema/contacts.ts";
import { type ConversationScope, contactsInScope } from "../access/scope.ts";
import { indexContact } from "../search/terms-repo.ts";

type ContactRow = typeof contacts.$inferSelect;

export interface Contact {
  id: string;
  workspaceId: string;
  name: string | null;
  phone: string | null;
  waId: string | null;
  userId: string | null;
  username: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  externalId: string | null;
  /** Set by a data-subject erasure (modules/privacy). */
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ContactFields {
  name?: string | null;
  phone?: string | null;
  waId?: string | null;
  userId?: string | null;
  username?: string | null;
  tags?: string[];
  attributes?: Record<string, unknown>;
  externalId?: string | null;
}

/** The fields the search index is made of (modules/search/terms.ts): changing one re-indexes the contact. */
const SEARCHED_FIELDS = ["name", "phone", "waId", "username", "tags", "attributes"] as const satisfies ReadonlyArray<keyof ContactFields>;

/** Phones are compared by digits only: "+55 (11) 91234-5678" and "5511912345678" are the same number. */
export const phoneDigits = (phone: string): string => phone.replace(/\D/g, "");

export function createContactsRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, rowId: string, column: string) => ({ workspaceId, table: "contacts", column, rowId });
  const open = (row: ContactRow, column: string, value: string | null) =>
    value === null ? null : cipher.decrypt(place(row.workspaceId, row.id, column), value);
  const bidx = (workspaceId: string, purpose: "phone" | "wa_id" | "user_id", value: string) =>
    cipher.blindIndex({ workspaceId, purpose, value });

  const fromRow = (row: ContactRow): Contact => ({
    id: row.id,
    workspaceId: row.workspaceId,
    name: open(row, "name_enc", row.nameEnc),
    phone: open(row, "phone_enc", row.phoneEnc),
    waId: open(row, "wa_id_enc", row.waIdEnc),
    userId: open(row, "user_id_enc", row.userIdEnc),
    username: open(row, "username_enc", row.usernameEnc),
    tags: row.tags,
    attributes: row.attributesEnc ? cipher.decryptJson(place(row.workspaceId, row.id, "attributes_enc"), row.attributesEnc) : {},
    externalId: row.externalId,
    erasedAt: row.erasedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

  /** The encrypted columns and blind indexes for the fields present in `fields`. */
  const sealFields = (workspaceId: string, id: string, fields: ContactFields): Partial<typeof contacts.$inferInsert> => {
    const out: Partial<typeof contacts.$inferInsert> = {};
    const seal = (column: string, value: string) => cipher.encrypt(place(workspaceId, id, column), value);
    if (fields.name !== undefined) out.nameEnc = fields.name ? seal("name_enc", fields.name) : null;
    if (fields.phone !== undefined) {
      out.phoneEnc = fields.phone ? seal("phone_enc", fields.phone) : null;
      out.phoneBidx = fields.phone ? bidx(workspaceId, "phone", phoneDigits(fields.phone)) : null;
    }
    if (fields.waId !== undefined) {
      out.waIdEnc = fields.waId ? seal("wa_id_enc", fields.waId) : null;
      out.waIdBidx = fields.waId ? bidx(workspaceId, "wa_id", fields.waId) : null;
    }
    if (fields.userId !== undefined) {
      out.userIdEnc = fields.userId ? seal("user_id_enc", fields.userId) : null;
      out.userIdBidx = fields.userId ? bidx(workspaceId, "user_id", fields.userId) : null;
    }
    if (fields.username !== undefined) out.usernameEnc = fields.username ? seal("username_enc", fields.username) : null;
    if (fields.tags !== undefined) out.tags = fields.tags;
    if (fields.attributes !== undefined)
      out.attributesEnc = cipher.encryptJson(place(workspaceId, id, "attributes_enc"), fields.attributes);
    if (fields.externalId !== undefined) out.externalId = fields.externalId;
    return out;
  };

  /** Writes a contact and (re-)indexes it for search atomically (a savepoint when the caller holds a transaction). */
  const withSearchTerms = <T extends Contact | undefined>(write: (conn: DbOrTx) => Promise<T>): Promise<T> =>
    db.transaction(async (tx) => {
      const contact = await write(tx);
      if (contact) await indexContact(tx, cipher, contact);
      return contact;
    });

  const repo = {
    async get(workspaceId: string, id: string): Promise<Contact | undefined> {
      const [row] = await db
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
      return row && fromRow(row);
    },
    async getMany(workspaceId: string, ids: string[]): Promise<Map<string, Contact>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, [...new Set(ids)])));
      return new Map(rows.map((row) => [row.id, fromRow(row)]));
    },
    async findByPhone(workspaceId: string, phone: string): Promise<Contact | undefined> {
      const digits = phoneDigits(phone);
      if (!digits) return undefined;
      const [row] = await db
        .select()
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, workspaceId),
            or(eq(contacts.phoneBidx, bidx(workspaceId, "phone", digits)), eq(contacts.waIdBidx, bidx(workspaceId, "wa_id", digits))),
          ),
        )
        .limit(1);
      return row && fromRow(row);
    },
    async findByWhatsApp(
      workspaceId: string,
      who: { waId?: string | undefined; userId?: string | undefined },
    ): Promise<Contact | undefined> {
      const conditions: SQL[] = [];
      if (who.waId) conditions.push(eq(contacts.waIdBidx, bidx(workspaceId, "wa_id", who.waId)));
      if (who.userId) conditions.push(eq(contacts.userIdBidx, bidx(workspaceId, "user_id", who.userId)));
      if (conditions.length === 0) return undefined;
      const [row] = await db
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), or(...conditions)))
        .limit(1);
      return row && fromRow(row);
    },
    async insert(workspaceId: string, fields: ContactFields, id: string = randomUUID()): Promise<Contact> {
      return withSearchTerms(async (conn) => {
        const [row] = await conn
          .insert(contacts)
          .values({ id, workspaceId, ...sealFields(workspaceId, id, fields) })
          .returning();
        if (!row) throw new Error("contact insert returned no row");
        return fromRow(row);
      });
    },
    /** Inserts unless a contact with the same wa_id/BSUID/phone exists (a concurrent insert won); returns whether it did. */
    async insertIfAbsent(workspaceId: string, fields: ContactFields): Promise<Contact | undefined> {
      const id = randomUUID();
      return withSearchTerms(async (conn) => {
        const [row] = await conn
          .insert(contacts)
          .values({ id, workspaceId, ...sealFields(workspaceId, id, fields) })
          .onConflictDoNothing()
          .returning();
        return row && fromRow(row);
      });
    },
    async update(workspaceId: string, id: string, fields: ContactFields): Promise<Contact | undefined> {
      const write = async (conn: DbOrTx) => {
        const [row] = await conn
          .update(contacts)
          .set({ ...sealFields(workspaceId, id, fields), updatedAt: new Date() })
          .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
          .returning();
        return row && fromRow(row);
      };
      return SEARCHED_FIELDS.some((field) => fields[field] !== undefined) ? withSearchTerms(write) : write(db);
    },
    /** Newest first; the cursor is the last row's (createdAt, id). */
    /** With a `scope`, only contacts with a conversation in it. */
    async list(
      workspaceId: string,
      { limit, before }: { limit: number; before?: { createdAt: Date; id: string } },
      scope: ConversationScope = { all: true },
    ): Promise<Contact[]> {
      const rows = await db
        .select()
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, workspaceId),
            olderThan(contacts.createdAt, contacts.id, before && { at: before.createdAt, id: before.id }),
            contactsInScope(workspaceId, scope),
          ),
        )
        .orderBy(desc(contacts.createdAt), desc(contacts.id))
        .limit(limit);
      return rows.map(fromRow);
    },
  };
  return repo;
}

export type ContactsRepo = ReturnType<typeof createContactsRepo>;
