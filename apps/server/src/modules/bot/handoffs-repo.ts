import { randomUUID } from "node:crypto";
import type { EngineName, HandoffReason } from "@papo/copilot";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { type BotHandoffRow, botHandoffs } from "../../db/schema/bot-handoffs.ts";
import { messages } from "../../db/schema/messages.ts";

export interface Handoff {
  id: string;
  conversationId: string;
  reason: HandoffReason;
  detail: string | null;
  summary: string | null;
  summaryEngine: EngineName | null;
  by: { kind: "bot" | "user"; userId: string | null };
  at: Date;
}

export interface NewHandoff {
  conversationId: string;
  reason: HandoffReason;
  detail: string | null;
  summary: string | null;
  summaryEngine: EngineName | null;
  by: { kind: "bot" } | { kind: "user"; userId: string };
  at: Date;
}

/** Handoff records: the detail (it may quote the customer or an agent's note) and the summary are encrypted. */
export function createHandoffsRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, rowId: string, column: "detail_enc" | "summary_enc") => ({
    workspaceId,
    table: "bot_handoffs",
    column,
    rowId,
  });
  const seal = (workspaceId: string, id: string, column: "detail_enc" | "summary_enc", value: string | null) =>
    value === null ? null : cipher.encrypt(place(workspaceId, id, column), value);
  const open = (row: BotHandoffRow, column: "detail_enc" | "summary_enc", value: string | null) =>
    value === null ? null : cipher.decrypt(place(row.workspaceId, row.id, column), value);

  const fromRow = (row: BotHandoffRow): Handoff => ({
    id: row.id,
    conversationId: row.conversationId,
    reason: row.reason,
    detail: open(row, "detail_enc", row.detailEnc),
    summary: open(row, "summary_enc", row.summaryEnc),
    summaryEngine: row.summaryEngine ?? null,
    by: { kind: row.byKind, userId: row.byUserId ?? null },
    at: row.at,
  });

  return {
    async insert(workspaceId: string, handoff: NewHandoff): Promise<Handoff> {
      const id = randomUUID();
      const [row] = await db
        .insert(botHandoffs)
        .values({
          id,
          workspaceId,
          conversationId: handoff.conversationId,
          reason: handoff.reason,
          detailEnc: seal(workspaceId, id, "detail_enc", handoff.detail),
          summaryEnc: seal(workspaceId, id, "summary_enc", handoff.summary),
          summaryEngine: handoff.summaryEngine,
          byKind: handoff.by.kind,
          byUserId: handoff.by.kind === "user" ? handoff.by.userId : null,
          at: handoff.at,
        })
        .returning();
      if (!row) throw new Error("handoff insert returned no row");
      return fromRow(row);
    },
    /** Newest first. */
    async listByConversation(workspaceId: string, conversationId: string): Promise<Handoff[]> {
      const rows = await db
        .select()
        .from(botHandoffs)
        .where(and(eq(botHandoffs.workspaceId, workspaceId), eq(botHandoffs.conversationId, conversationId)))
        .orderBy(desc(botHandoffs.at), desc(botHandoffs.id));
      return rows.map(fromRow);
    },
  };
}

/**
 * Erasure and retention (modules/privacy): a handoff's summary and detail may quote the messages being erased, so the
 * handoffs of their conversations lose both; the reason, who and when stay (facts, like an erased message's type).
 */
export async function eraseHandoffNotes(db: DbOrTx, { workspaceId, messageIds }: { workspaceId: string; messageIds: readonly string[] }) {
  if (messageIds.length === 0) return;
  const touched = db
    .selectDistinct({ id: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.id, [...messageIds])));
  await db
    .update(botHandoffs)
    .set({ summaryEnc: null, detailEnc: null })
    .where(and(eq(botHandoffs.workspaceId, workspaceId), inArray(botHandoffs.conversationId, touched)));
}
