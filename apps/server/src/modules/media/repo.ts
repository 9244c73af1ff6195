import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { media } from "../../db/schema/media.ts";

type MediaRow = typeof media.$inferSelect;
export interface MediaRecord extends Omit<MediaRow, "filenameEnc"> {
  filename: string | null;
}

export function createMediaRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, id: string) => ({ workspaceId, table: "media", column: "filename_enc", rowId: id });
  const open = (row: MediaRow): MediaRecord => {
    const { filenameEnc, ...rest } = row;
    return { ...rest, filename: filenameEnc ? cipher.decrypt(place(row.workspaceId, row.id), filenameEnc) : null };
  };
  return {
    async insert(record: {
      id?: string;
      workspaceId: string;
      channelId: string | null;
      direction: "inbound" | "outbound";
      waMediaId?: string | null;
      mimeType?: string | null;
      size?: number | null;
      sha256?: string | null;
      filename?: string | null;
      storageKey?: string | null;
      status: "pending" | "stored" | "failed";
      nextAttemptAt?: Date | null;
    }): Promise<MediaRecord> {
      const id = record.id ?? randomUUID();
      const [row] = await db
        .insert(media)
        .values({
          id,
          workspaceId: record.workspaceId,
          channelId: record.channelId,
          direction: record.direction,
          waMediaId: record.waMediaId ?? null,
          mimeType: record.mimeType ?? null,
          size: record.size ?? null,
          sha256: record.sha256 ?? null,
          filenameEnc: record.filename ? cipher.encrypt(place(record.workspaceId, id), record.filename) : null,
          storageKey: record.storageKey ?? null,
          status: record.status,
          nextAttemptAt: record.nextAttemptAt ?? null,
        })
        .returning();
      if (!row) throw new Error("media insert returned no row");
      return open(row);
    },
    async get(workspaceId: string, id: string): Promise<MediaRecord | undefined> {
      const [row] = await db
        .select()
        .from(media)
        .where(and(eq(media.workspaceId, workspaceId), eq(media.id, id)));
      return row && open(row);
    },
    async update(workspaceId: string, id: string, set: Partial<typeof media.$inferInsert>): Promise<void> {
      await db
        .update(media)
        .set(set)
        .where(and(eq(media.workspaceId, workspaceId), eq(media.id, id)));
    },
    /** Claims the next inbound file due for download (SKIP LOCKED: several workers never take the same one). */
    async claimDueDownload(now: Date, leaseMs: number): Promise<MediaRecord | undefined> {
      const [claimed] = await queryRows<{ id: string }>(
        db,
        sql`
        update media set attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        where id = (
          select id from media
          where status = 'pending' and direction = 'inbound' and (next_attempt_at is null or next_attempt_at <= ${now.toISOString()}::timestamptz)
          order by next_attempt_at nulls first
          for update skip locked
          limit 1
        )
        returning id`,
      );
      if (!claimed) return undefined;
      const [row] = await db.select().from(media).where(eq(media.id, claimed.id));
      return row && open(row);
    },
  };
}

export type MediaRepo = ReturnType<typeof createMediaRepo>;
