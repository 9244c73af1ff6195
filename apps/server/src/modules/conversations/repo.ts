import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { olderThan } from "../../db/keyset.ts";
import { type ConversationStatus, conversations } from "../../db/schema/conversations.ts";
import { type ConversationScope, conversationsInScope } from "../access/scope.ts";
import { recordConversationChange, recordConversationOpened } from "../reports/facts.ts";

export type Conversation = typeof conversations.$inferSelect;

export interface ConversationFilters {
  status?: ConversationStatus | undefined;
  channelId?: string | undefined;
  assigneeId?: string | undefined;
  contactId?: string | undefined;
  /** Only conversations nobody is assigned to. */
  unassigned?: boolean | undefined;
  /** A search condition on `conversations` (modules/search `conversationMatch`). */
  matching?: SQL | undefined;
}

const SERVICE_WINDOW_MS = 24 * 3600 * 1000;

export function createConversationsRepo({ db }: { db: DbOrTx }) {
  const repo = {
    /** With a `scope`, a conversation out of it is not found. */
    async get(workspaceId: string, id: string, scope: ConversationScope = { all: true }): Promise<Conversation | undefined> {
      const [row] = await db
        .select()
        .from(conversations)
        .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id), conversationsInScope(workspaceId, scope)));
      return row;
    },
    async findUnresolved(workspaceId: string, channelId: string, contactId: string): Promise<Conversation | undefined> {
      const [row] = await db
        .select()
        .from(conversations)
        .where(
          and(
            eq(conversations.workspaceId, workspaceId),
            eq(conversations.channelId, channelId),
            eq(conversations.contactId, contactId),
            ne(conversations.status, "resolved"),
          ),
        );
      return row;
    },
    /** The unresolved conversation of (channel, contact), opening one if there is none; safe under concurrency. */
    async openOrReuse(
      workspaceId: string,
      channelId: string,
      contactId: string,
      at: Date,
      /** Who wrote first, for the reports: the customer (ingest) or the business (a send that opens it). */
      openedBy: "contact" | "business" = "business",
    ): Promise<{ conversation: Conversation; opened: boolean }> {
      const existing = await repo.findUnresolved(workspaceId, channelId, contactId);
      if (existing) return { conversation: existing, opened: false };
      // Meta's service window belongs to the (number, customer) pair, not to a conversation: a new conversation keeps
      // the window (and last inbound time) of the pair's previous one.
      const [previous] = await db
        .select({ lastInboundAt: conversations.lastInboundAt, windowExpiresAt: conversations.windowExpiresAt })
        .from(conversations)
        .where(
          and(eq(conversations.workspaceId, workspaceId), eq(conversations.channelId, channelId), eq(conversations.contactId, contactId)),
        )
        .orderBy(desc(conversations.createdAt))
        .limit(1);
      const [inserted] = await db
        .insert(conversations)
        .values({
          id: randomUUID(),
          workspaceId,
          channelId,
          contactId,
          status: "open",
          lastActivityAt: at,
          createdAt: at,
          lastInboundAt: previous?.lastInboundAt ?? null,
          windowExpiresAt: previous?.windowExpiresAt ?? null,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted) {
        await recordConversationOpened(db, {
          workspaceId,
          conversationId: inserted.id,
          channelId,
          contactId,
          at,
          openedBy,
          assigneeId: inserted.assigneeId,
        });
        return { conversation: inserted, opened: true };
      }
      const winner = await repo.findUnresolved(workspaceId, channelId, contactId);
      if (!winner) throw new Error("conversation vanished between insert and select");
      return { conversation: winner, opened: false };
    },
    /** An inbound message: activity, unread count and the 24 h service window, never moved backwards by a late message. */
    async recordInbound(workspaceId: string, id: string, at: Date): Promise<void> {
      const windowEnd = new Date(at.getTime() + SERVICE_WINDOW_MS);
      await db
        .update(conversations)
        .set({
          unreadCount: sql`${conversations.unreadCount} + 1`,
          lastActivityAt: sql`greatest(${conversations.lastActivityAt}, ${at.toISOString()}::timestamptz)`,
          lastInboundAt: sql`greatest(coalesce(${conversations.lastInboundAt}, ${at.toISOString()}::timestamptz), ${at.toISOString()}::timestamptz)`,
          windowExpiresAt: sql`greatest(coalesce(${conversations.windowExpiresAt}, ${windowEnd.toISOString()}::timestamptz), ${windowEnd.toISOString()}::timestamptz)`,
          // A customer writing again reopens a pending conversation for the agents.
          status: sql`case when ${conversations.status} = 'pending' then 'open' else ${conversations.status} end`,
        })
        .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
    },
    /** Meta refused a free-form message as outside the window: end Papo's countdown at that moment, never extend it. */
    async closeWindow(workspaceId: string, id: string, at: Date): Promise<void> {
      await db
        .update(conversations)
        .set({
          windowExpiresAt: sql`least(coalesce(${conversations.windowExpiresAt}, ${at.toISOString()}::timestamptz), ${at.toISOString()}::timestamptz)`,
        })
        .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
    },
    async recordOutbound(workspaceId: string, id: string, at: Date): Promise<void> {
      await db
        .update(conversations)
        .set({ lastActivityAt: sql`greatest(${conversations.lastActivityAt}, ${at.toISOString()}::timestamptz)` })
        .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
    },
    async update(
      workspaceId: string,
      id: string,
      patch: {
        status?: ConversationStatus;
        assigneeId?: string | null;
        unreadCount?: number;
        markUnread?: boolean;
        handledBy?: "bot" | "human";
      },
    ): Promise<Conversation | undefined> {
      const set: { [K in keyof typeof conversations.$inferInsert]?: (typeof conversations.$inferInsert)[K] | SQL } = {};
      if (patch.status !== undefined) {
        set.status = patch.status;
        set.resolvedAt = patch.status === "resolved" ? new Date() : null;
      }
      if (patch.assigneeId !== undefined) set.assigneeId = patch.assigneeId;
      if (patch.unreadCount !== undefined) set.unreadCount = patch.unreadCount;
      // Marking unread keeps a real count (messages still unread) and raises a zero to one, in the same statement so
      // a message arriving meanwhile is never lost from the count.
      if (patch.markUnread) set.unreadCount = sql`greatest(${conversations.unreadCount}, 1)`;
      if (patch.handledBy !== undefined) set.handledBy = patch.handledBy;
      // A person taking the conversation from the bot is a handoff for the reports: read who had it, under the row lock.
      const [before] =
        patch.handledBy === "human"
          ? await db
              .select({ handledBy: conversations.handledBy })
              .from(conversations)
              .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
              .for("update")
          : [];
      const [row] = await db
        .update(conversations)
        .set(set)
        .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
        .returning();
      if (row && (patch.status !== undefined || patch.assigneeId !== undefined || patch.handledBy !== undefined))
        await recordConversationChange(db, {
          workspaceId,
          conversationId: id,
          at: patch.status === "resolved" && row.resolvedAt ? row.resolvedAt : new Date(),
          status: patch.status,
          assigneeId: patch.assigneeId,
          handledBy: patch.handledBy,
          takenFromBot: before?.handledBy === "bot",
        });
      return row;
    },
    /** Newest activity first; the cursor is the last row's (lastActivityAt, id). */
    async list(
      workspaceId: string,
      filters: ConversationFilters,
      { limit, before }: { limit: number; before?: { at: Date; id: string } | undefined },
      scope: ConversationScope = { all: true },
    ): Promise<Conversation[]> {
      return db
        .select()
        .from(conversations)
        .where(
          and(
            eq(conversations.workspaceId, workspaceId),
            filters.status ? eq(conversations.status, filters.status) : undefined,
            filters.channelId ? eq(conversations.channelId, filters.channelId) : undefined,
            filters.assigneeId ? eq(conversations.assigneeId, filters.assigneeId) : undefined,
            filters.contactId ? eq(conversations.contactId, filters.contactId) : undefined,
            filters.unassigned ? isNull(conversations.assigneeId) : undefined,
            filters.matching,
            olderThan(conversations.lastActivityAt, conversations.id, before),
            conversationsInScope(workspaceId, scope),
          ),
        )
        .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
        .limit(limit);
    },
  };
  return repo;
}

export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;
