import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { type CannedResponseRow, cannedResponses } from "../../db/schema/canned-responses.ts";

export interface CannedResponse {
  id: string;
  workspaceId: string;
  shortcut: string;
  title: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CannedResponseFields {
  shortcut?: string | undefined;
  title?: string | undefined;
  body?: string | undefined;
}

/** Lower case without accents, so "Entrega" finds "entrega" and "promocao" finds "Promoção". */
export const foldForSearch = (value: string): string =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase();

export function createCannedResponsesRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, rowId: string) => ({ workspaceId, table: "canned_responses", column: "body_enc", rowId });

  const fromRow = (row: CannedResponseRow): CannedResponse => ({
    id: row.id,
    workspaceId: row.workspaceId,
    shortcut: row.shortcut,
    title: row.title,
    body: cipher.decrypt(place(row.workspaceId, row.id), row.bodyEnc),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

  const sealFields = (workspaceId: string, id: string, fields: CannedResponseFields): Partial<typeof cannedResponses.$inferInsert> => ({
    ...(fields.shortcut !== undefined ? { shortcut: fields.shortcut } : {}),
    ...(fields.title !== undefined ? { title: fields.title } : {}),
    ...(fields.body !== undefined ? { bodyEnc: cipher.encrypt(place(workspaceId, id), fields.body) } : {}),
  });

  return {
    async get(workspaceId: string, id: string): Promise<CannedResponse | undefined> {
      const [row] = await db
        .select()
        .from(cannedResponses)
        .where(and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.id, id)));
      return row && fromRow(row);
    },
    /**
     * The workspace's responses by shortcut. The body is encrypted, so a search decrypts and matches here: a team has
     * tens of responses, not thousands.
     */
    async list(workspaceId: string, { q }: { q?: string | undefined } = {}): Promise<CannedResponse[]> {
      const rows = await db
        .select()
        .from(cannedResponses)
        .where(eq(cannedResponses.workspaceId, workspaceId))
        .orderBy(asc(cannedResponses.shortcut));
      const all = rows.map(fromRow);
      const query = foldForSearch(q?.trim().replace(/^\//, "") ?? "");
      if (!query) return all;
      return all.filter((r) => [r.shortcut, r.title, r.body].some((text) => foldForSearch(text).includes(query)));
    },
    async insert(workspaceId: string, fields: Required<CannedResponseFields>): Promise<CannedResponse> {
      const id = randomUUID();
      const [row] = await db
        .insert(cannedResponses)
        .values({
          id,
          workspaceId,
          shortcut: fields.shortcut,
          title: fields.title,
          bodyEnc: cipher.encrypt(place(workspaceId, id), fields.body),
        })
        .returning();
      if (!row) throw new Error("canned response insert returned no row");
      return fromRow(row);
    },
    async update(workspaceId: string, id: string, fields: CannedResponseFields): Promise<CannedResponse | undefined> {
      const [row] = await db
        .update(cannedResponses)
        .set({ ...sealFields(workspaceId, id, fields), updatedAt: new Date() })
        .where(and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.id, id)))
        .returning();
      return row && fromRow(row);
    },
    async delete(workspaceId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(cannedResponses)
        .where(and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.id, id)))
        .returning({ id: cannedResponses.id });
      return rows.length > 0;
    },
  };
}

export type CannedResponsesRepo = ReturnType<typeof createCannedResponsesRepo>;
