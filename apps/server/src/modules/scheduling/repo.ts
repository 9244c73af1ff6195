import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { conversations } from "../../db/schema/conversations.ts";
import { messages } from "../../db/schema/messages.ts";
import {
  type ScheduledStatus,
  type scheduledConditions,
  type scheduledKinds,
  scheduledMessages,
} from "../../db/schema/scheduled-messages.ts";
import { users } from "../../db/schema/users.ts";
import { type ConversationScope, conversationsInScope } from "../access/scope.ts";
import type { SendMessageBody } from "../messages/schemas.ts";

export type ScheduledKind = (typeof scheduledKinds)[number];
export type ScheduledCondition = (typeof scheduledConditions)[number];

/** What `content_enc` holds: the API's send body and/or a note; `{ erased: true }` after the contact's erasure. */
interface ScheduledContent {
  message?: SendMessageBody;
  note?: string;
  erased?: true;
}

export interface ScheduledItem {
  id: string;
  workspaceId: string;
  conversationId: string;
  channelId: string;
  contactId: string;
  createdBy: { id: string; name: string; active: boolean } | null;
  kind: ScheduledKind;
  condition: ScheduledCondition;
  messageType: string;
  message: SendMessageBody | null;
  note: string | null;
  sendAt: Date;
  status: ScheduledStatus;
  lockedUntil: Date | null;
  attempts: number;
  messageId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  processedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The conversation's window end now (not stored on the item): whether a free-form message can go at `sendAt`. */
  windowExpiresAt: Date | null;
}

/** The statuses that still lie ahead: shown whatever their age. */
export const PENDING_STATUSES: readonly ScheduledStatus[] = ["scheduled", "processing"];

const place = (workspaceId: string, rowId: string) => ({ workspaceId, table: "scheduled_messages", column: "content_enc", rowId });

export function createScheduledRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const select = () =>
    db
      .select({
        row: scheduledMessages,
        creatorName: users.name,
        creatorDisabledAt: users.disabledAt,
        windowExpiresAt: conversations.windowExpiresAt,
      })
      .from(scheduledMessages)
      .leftJoin(users, eq(users.id, scheduledMessages.createdByUserId))
      .innerJoin(conversations, eq(conversations.id, scheduledMessages.conversationId));

  type Selected = Awaited<ReturnType<ReturnType<typeof select>["execute"]>>[number];
  const open = ({ row, creatorName, creatorDisabledAt, windowExpiresAt }: Selected): ScheduledItem => {
    const content = cipher.decryptJson<ScheduledContent>(place(row.workspaceId, row.id), row.contentEnc);
    return {
      id: row.id,
      workspaceId: row.workspaceId,
      conversationId: row.conversationId,
      channelId: row.channelId,
      contactId: row.contactId,
      createdBy: row.createdByUserId ? { id: row.createdByUserId, name: creatorName ?? "", active: !creatorDisabledAt } : null,
      kind: row.kind,
      condition: row.condition,
      messageType: row.messageType,
      message: content.message ?? null,
      note: content.note ?? null,
      sendAt: row.sendAt,
      status: row.status,
      lockedUntil: row.lockedUntil,
      attempts: row.attempts,
      messageId: row.messageId,
      errorCode: row.errorCode,
      errorMessage: row.errorMessage,
      processedAt: row.processedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      windowExpiresAt,
    };
  };
  const seal = (workspaceId: string, id: string, content: ScheduledContent) => cipher.encryptJson(place(workspaceId, id), content);
  const byId = (workspaceId: string, id: string) => and(eq(scheduledMessages.workspaceId, workspaceId), eq(scheduledMessages.id, id));

  const repo = {
    async get(workspaceId: string, id: string): Promise<ScheduledItem | undefined> {
      const [row] = await select().where(byId(workspaceId, id));
      return row && open(row);
    },

    async insert(input: {
      workspaceId: string;
      conversationId: string;
      channelId: string;
      contactId: string;
      createdByUserId: string | null;
      kind: ScheduledKind;
      condition: ScheduledCondition;
      message: SendMessageBody | null;
      note: string | null;
      sendAt: Date;
      now: Date;
    }): Promise<ScheduledItem> {
      const id = randomUUID();
      await db.insert(scheduledMessages).values({
        id,
        workspaceId: input.workspaceId,
        conversationId: input.conversationId,
        channelId: input.channelId,
        contactId: input.contactId,
        createdByUserId: input.createdByUserId,
        kind: input.kind,
        condition: input.condition,
        messageType: input.kind === "reminder" ? "reminder" : (input.message?.type ?? "text"),
        contentEnc: seal(input.workspaceId, id, {
          ...(input.message ? { message: input.message } : {}),
          ...(input.note !== null ? { note: input.note } : {}),
        }),
        sendAt: input.sendAt,
        createdAt: input.now,
        updatedAt: input.now,
      });
      const item = await repo.get(input.workspaceId, id);
      if (!item) throw new Error(`scheduled item ${id} vanished after its insert`);
      return item;
    },

    /**
     * Changes an item only while it is `scheduled`, in one conditional statement: an item the scheduler has claimed (or
     * that went, or was cancelled) is left alone and `undefined` comes back. A retry wait is forgotten.
     */
    async updateIfScheduled(
      workspaceId: string,
      id: string,
      change: {
        content: { message: SendMessageBody | null; note: string | null };
        kind: ScheduledKind;
        condition: ScheduledCondition;
        sendAt: Date;
      },
      now: Date,
    ): Promise<ScheduledItem | undefined> {
      const rows = await db
        .update(scheduledMessages)
        .set({
          condition: change.condition,
          messageType: change.kind === "reminder" ? "reminder" : (change.content.message?.type ?? "text"),
          contentEnc: seal(workspaceId, id, {
            ...(change.content.message ? { message: change.content.message } : {}),
            ...(change.content.note !== null ? { note: change.content.note } : {}),
          }),
          sendAt: change.sendAt,
          lockedUntil: null,
          attempts: 0,
          updatedAt: now,
        })
        .where(and(byId(workspaceId, id), eq(scheduledMessages.status, "scheduled")))
        .returning({ id: scheduledMessages.id });
      return rows.length > 0 ? repo.get(workspaceId, id) : undefined;
    },

    async cancelIfScheduled(workspaceId: string, id: string, now: Date): Promise<ScheduledItem | undefined> {
      const rows = await db
        .update(scheduledMessages)
        .set({ status: "cancelled", lockedUntil: null, processedAt: now, updatedAt: now })
        .where(and(byId(workspaceId, id), eq(scheduledMessages.status, "scheduled")))
        .returning({ id: scheduledMessages.id });
      return rows.length > 0 ? repo.get(workspaceId, id) : undefined;
    },

    /**
     * A conversation's items by time. Without a status: everything still ahead, and what went (or was refused) in the
     * last `recentSince` — not cancelled ones. Reminders are their author's own: others do not see them.
     */
    async listByConversation(
      workspaceId: string,
      conversationId: string,
      { status, recentSince, viewerId }: { status?: ScheduledStatus | undefined; recentSince: Date; viewerId: string | null },
    ): Promise<ScheduledItem[]> {
      const byStatus = status
        ? eq(scheduledMessages.status, status)
        : and(
            sql`${scheduledMessages.status} <> 'cancelled'`,
            or(
              inArray(scheduledMessages.status, [...PENDING_STATUSES]),
              sql`${scheduledMessages.sendAt} >= ${recentSince.toISOString()}::timestamptz`,
            ),
          );
      const rows = await select()
        .where(
          and(
            eq(scheduledMessages.workspaceId, workspaceId),
            eq(scheduledMessages.conversationId, conversationId),
            byStatus,
            visibleTo(viewerId),
          ),
        )
        .orderBy(asc(scheduledMessages.sendAt), asc(scheduledMessages.id));
      return rows.map(open);
    },

    /** The workspace's items the caller may reach, by time, a page at a time (keyset on send time and id). */
    async listWorkspace(
      workspaceId: string,
      {
        status,
        createdBy,
        scope,
        viewerId,
        after,
        limit,
      }: {
        status?: ScheduledStatus | undefined;
        createdBy?: string | undefined;
        scope: ConversationScope;
        viewerId: string | null;
        after?: { at: Date; id: string } | undefined;
        limit: number;
      },
    ): Promise<ScheduledItem[]> {
      const rows = await select()
        .where(
          and(
            eq(scheduledMessages.workspaceId, workspaceId),
            status ? eq(scheduledMessages.status, status) : undefined,
            createdBy ? eq(scheduledMessages.createdByUserId, createdBy) : undefined,
            conversationsInScope(workspaceId, scope),
            visibleTo(viewerId),
            after
              ? sql`(${scheduledMessages.sendAt}, ${scheduledMessages.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(asc(scheduledMessages.sendAt), asc(scheduledMessages.id))
        .limit(limit);
      return rows.map(open);
    },

    /**
     * Claims the next due item of any workspace for `leaseMs`: a `scheduled` one whose time has come (and whose retry
     * wait, kept in `locked_until`, is over), or a `processing` one whose lease ran out — its scheduler died. One
     * statement with SKIP LOCKED, so schedulers on several nodes never take the same item.
     */
    async claimDue(
      now: Date,
      leaseMs: number,
    ): Promise<{ id: string; workspaceId: string; conversationId: string; attempts: number } | undefined> {
      const at = now.toISOString();
      const [row] = await queryRows<{ id: string; workspace_id: string; conversation_id: string; attempts: number }>(
        db,
        sql`
        update scheduled_messages set status = 'processing', locked_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz,
          attempts = attempts + 1, updated_at = ${at}::timestamptz
        where id = (
          select id from scheduled_messages
          where send_at <= ${at}::timestamptz
            and ((status = 'scheduled' and (locked_until is null or locked_until <= ${at}::timestamptz))
              or (status = 'processing' and locked_until <= ${at}::timestamptz))
          order by send_at
          for update skip locked
          limit 1
        )
        returning id, workspace_id, conversation_id, attempts`,
      );
      return row && { id: row.id, workspaceId: row.workspace_id, conversationId: row.conversation_id, attempts: Number(row.attempts) };
    },

    /** Records the outcome of a claimed item (only while it is still `processing`). */
    async finish(
      workspaceId: string,
      id: string,
      outcome: { status: "sent" | "done" | "skipped" | "failed"; messageId?: string; errorCode?: string; errorMessage?: string },
      now: Date,
    ): Promise<boolean> {
      const rows = await db
        .update(scheduledMessages)
        .set({
          status: outcome.status,
          messageId: outcome.messageId ?? null,
          errorCode: outcome.errorCode ?? null,
          errorMessage: outcome.errorMessage ?? null,
          lockedUntil: null,
          processedAt: now,
          updatedAt: now,
        })
        .where(and(byId(workspaceId, id), eq(scheduledMessages.status, "processing")))
        .returning({ id: scheduledMessages.id });
      return rows.length > 0;
    },

    /** Puts a claimed item back, not to be claimed before `retryAt` (an unexpected error: the next attempt may work). */
    async retryLater(workspaceId: string, id: string, retryAt: Date, now: Date): Promise<void> {
      await db
        .update(scheduledMessages)
        .set({ status: "scheduled", lockedUntil: retryAt, updatedAt: now })
        .where(and(byId(workspaceId, id), eq(scheduledMessages.status, "processing")));
    },

    /**
     * Whether the customer wrote in the conversation since `since`. Meta's message times have whole seconds, so a
     * message in the same second counts as later: a follow-up is rather skipped than sent to someone who just answered.
     */
    async customerWroteSince(workspaceId: string, conversationId: string, since: Date): Promise<boolean> {
      const [row] = await db
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.workspaceId, workspaceId),
            eq(messages.conversationId, conversationId),
            eq(messages.direction, "inbound"),
            sql`${messages.createdAt} >= date_trunc('second', ${since.toISOString()}::timestamptz)`,
          ),
        )
        .limit(1);
      return Boolean(row);
    },
  };
  return repo;
}

/** Reminders are their author's own; messages are the team's. Papo itself (null) sees everything. */
function visibleTo(viewerId: string | null): SQL | undefined {
  if (viewerId === null) return undefined;
  return or(sql`${scheduledMessages.kind} <> 'reminder'`, eq(scheduledMessages.createdByUserId, viewerId));
}

/**
 * A contact's erasure (modules/privacy), in its transaction: items still ahead are cancelled (`papo.contact_erased`),
 * and every item's content becomes the encrypted `{ "erased": true }` marker. Returns how many were cancelled.
 */
export async function eraseScheduledForContact(
  db: DbOrTx,
  cipher: FieldCipher,
  { workspaceId, contactId, at }: { workspaceId: string; contactId: string; at: Date },
): Promise<number> {
  const where = and(eq(scheduledMessages.workspaceId, workspaceId), eq(scheduledMessages.contactId, contactId));
  const cancelled = await db
    .update(scheduledMessages)
    .set({
      status: "cancelled",
      lockedUntil: null,
      errorCode: "papo.contact_erased",
      errorMessage: "The contact's data was erased before this was due",
      processedAt: at,
      updatedAt: at,
    })
    .where(and(where, inArray(scheduledMessages.status, [...PENDING_STATUSES])))
    .returning({ id: scheduledMessages.id });
  const rows = await db.select({ id: scheduledMessages.id }).from(scheduledMessages).where(where);
  for (const row of rows)
    await db
      .update(scheduledMessages)
      .set({ contentEnc: cipher.encryptJson(place(workspaceId, row.id), { erased: true }), updatedAt: at })
      .where(eq(scheduledMessages.id, row.id));
  return cancelled.length;
}
