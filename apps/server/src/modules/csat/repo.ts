import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { conversations } from "../../db/schema/conversations.ts";
import { csatResponses } from "../../db/schema/csat-responses.ts";

export interface CsatResponse {
  id: string;
  conversationId: string;
  channelId: string;
  agentId: string | null;
  score: number;
  comment: string | null;
  at: Date;
}

export function createCsatRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, rowId: string) => ({ workspaceId, table: "csat_responses", column: "comment_enc", rowId });

  const fromRow = (row: typeof csatResponses.$inferSelect): CsatResponse => ({
    id: row.id,
    conversationId: row.conversationId,
    channelId: row.channelId,
    agentId: row.agentId,
    score: row.score,
    comment: row.commentEnc === null ? null : cipher.decrypt(place(row.workspaceId, row.id), row.commentEnc),
    at: row.at,
  });

  return {
    /** The conversation's number and current assignee, which a score is attributed to. */
    async conversationOf(workspaceId: string, conversationId: string) {
      const [row] = await db
        .select({ channelId: conversations.channelId, assigneeId: conversations.assigneeId })
        .from(conversations)
        .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
      return row;
    },
    async insert(
      workspaceId: string,
      fields: { conversationId: string; channelId: string; agentId: string | null; score: number; comment: string | null; at: Date },
    ): Promise<CsatResponse> {
      const id = randomUUID();
      const [row] = await db
        .insert(csatResponses)
        .values({
          id,
          workspaceId,
          conversationId: fields.conversationId,
          channelId: fields.channelId,
          agentId: fields.agentId,
          score: fields.score,
          commentEnc: fields.comment === null ? null : cipher.encrypt(place(workspaceId, id), fields.comment),
          source: "api",
          at: fields.at,
        })
        .returning();
      if (!row) throw new Error("csat insert returned no row");
      return fromRow(row);
    },
    /** Newest first. */
    async listForConversation(workspaceId: string, conversationId: string): Promise<CsatResponse[]> {
      const rows = await db
        .select()
        .from(csatResponses)
        .where(and(eq(csatResponses.workspaceId, workspaceId), eq(csatResponses.conversationId, conversationId)))
        .orderBy(desc(csatResponses.at), desc(csatResponses.id));
      return rows.map(fromRow);
    },
  };
}

export type CsatRepo = ReturnType<typeof createCsatRepo>;
