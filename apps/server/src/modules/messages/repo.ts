import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { olderThan } from "../../db/keyset.ts";
import { queryRows } from "../../db/raw.ts";
import { type MessageStatus, messageReactions, messages, pendingStatuses } from "../../db/schema/messages.ts";

type RawMessageRow = typeof messages.$inferSelect;
type SealedIds = "waMessageIdEnc" | "waMessageIdBidx" | "replyToWamidEnc";

/** A message row with its WhatsApp ids opened (content columns stay sealed): what locks and status rules read. */
export type MessageRow = Omit<RawMessageRow, SealedIds> & { waMessageId: string | null; replyToWamid: string | null };

/** Column changes for `update`; the wamid is given in clear and sealed (encrypted + blind index) by the repository. */
export type MessagePatch = Omit<Partial<typeof messages.$inferInsert>, SealedIds> & { waMessageId?: string | null };

/** A message with its encrypted columns opened. `content` is the stored JSON document (see models.ts). */
export interface StoredMessage extends Omit<MessageRow, "textEnc" | "contentEnc" | "referralEnc"> {
  text: string | null;
  content: unknown;
  referral: unknown;
}

export interface NewMessage {
  id?: string;
  workspaceId: string;
  channelId: string;
  conversationId: string;
  contactId: string;
  direction: "inbound" | "outbound";
  type: string;
  senderKind: "contact" | "agent" | "bot" | "system";
  senderUserId?: string | null;
  text: string | null;
  content: unknown;
  status: MessageStatus;
  waMessageId?: string | null;
  replyToWamid?: string | null;
  forwarded?: boolean;
  frequentlyForwarded?: boolean;
  referral?: unknown;
  idempotencyKey?: string | null;
  /** The campaign it was sent for (modules/campaigns). */
  campaignId?: string | null;
  mediaId?: string | null;
  nextAttemptAt?: Date | null;
  errorCode?: string | null;
  errorTitle?: string | null;
  errorDetails?: string | null;
  createdAt: Date;
}

export interface Reaction {
  targetWamid: string;
  actor: "contact" | "business";
  emoji: string | null;
  reactedAt: Date;
}

/** wamids encode the customer's phone: they are encrypted, and found by this blind index keyed per workspace. */
export const wamidBlindIndex = (cipher: FieldCipher, workspaceId: string, wamid: string): string =>
  cipher.blindIndex({ workspaceId, purpose: "wamid", value: wamid });

export function createMessagesRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, rowId: string, column: string) => ({ workspaceId, table: "messages", column, rowId });
  const wamidIndex = (workspaceId: string, wamid: string) => wamidBlindIndex(cipher, workspaceId, wamid);
  const byWamid = (workspaceId: string, channelId: string, wamid: string) =>
    and(
      eq(messages.workspaceId, workspaceId),
      eq(messages.channelId, channelId),
      eq(messages.waMessageIdBidx, wamidIndex(workspaceId, wamid)),
    );
  const sealWamid = (workspaceId: string, id: string, wamid: string | null | undefined) =>
    wamid
      ? {
          waMessageIdEnc: cipher.encrypt(place(workspaceId, id, "wa_message_id_enc"), wamid),
          waMessageIdBidx: wamidIndex(workspaceId, wamid),
        }
      : { waMessageIdEnc: null, waMessageIdBidx: null };
  const openIds = (raw: RawMessageRow): MessageRow => {
    const { waMessageIdEnc, waMessageIdBidx: _index, replyToWamidEnc, ...rest } = raw;
    return {
      ...rest,
      waMessageId: waMessageIdEnc === null ? null : cipher.decrypt(place(raw.workspaceId, raw.id, "wa_message_id_enc"), waMessageIdEnc),
      replyToWamid: replyToWamidEnc === null ? null : cipher.decrypt(place(raw.workspaceId, raw.id, "reply_to_wamid_enc"), replyToWamidEnc),
    };
  };
  const open = (raw: RawMessageRow): StoredMessage => {
    const row = openIds(raw);
    const { textEnc, contentEnc, referralEnc, ...rest } = row;
    return {
      ...rest,
      text: textEnc === null ? null : cipher.decrypt(place(row.workspaceId, row.id, "text_enc"), textEnc),
      content: cipher.decryptJson(place(row.workspaceId, row.id, "content_enc"), contentEnc),
      referral: referralEnc === null ? null : cipher.decryptJson(place(row.workspaceId, row.id, "referral_enc"), referralEnc),
    };
  };
  const seal = (message: NewMessage & { id: string }) => ({
    id: message.id,
    workspaceId: message.workspaceId,
    channelId: message.channelId,
    conversationId: message.conversationId,
    contactId: message.contactId,
    direction: message.direction,
    type: message.type,
    senderKind: message.senderKind,
    senderUserId: message.senderUserId ?? null,
    textEnc: message.text === null ? null : cipher.encrypt(place(message.workspaceId, message.id, "text_enc"), message.text),
    contentEnc: cipher.encryptJson(place(message.workspaceId, message.id, "content_enc"), message.content),
    status: message.status,
    ...sealWamid(message.workspaceId, message.id, message.waMessageId),
    replyToWamidEnc: message.replyToWamid
      ? cipher.encrypt(place(message.workspaceId, message.id, "reply_to_wamid_enc"), message.replyToWamid)
      : null,
    forwarded: message.forwarded ?? false,
    frequentlyForwarded: message.frequentlyForwarded ?? false,
    referralEnc:
      message.referral === undefined || message.referral === null
        ? null
        : cipher.encryptJson(place(message.workspaceId, message.id, "referral_enc"), message.referral),
    idempotencyKey: message.idempotencyKey ?? null,
    campaignId: message.campaignId ?? null,
    mediaId: message.mediaId ?? null,
    nextAttemptAt: message.nextAttemptAt ?? null,
    errorCode: message.errorCode ?? null,
    errorTitle: message.errorTitle ?? null,
    errorDetails: message.errorDetails ?? null,
    createdAt: message.createdAt,
    updatedAt: message.createdAt,
  });

  const pendingPlace = (workspaceId: string, id: string) => ({
    workspaceId,
    table: "pending_statuses",
    column: "wa_message_id_enc",
    rowId: id,
  });
  const openPending = (row: typeof pendingStatuses.$inferSelect) => {
    const { waMessageIdEnc, waMessageIdBidx: _index, ...rest } = row;
    return { ...rest, waMessageId: cipher.decrypt(pendingPlace(row.workspaceId, row.id), waMessageIdEnc) };
  };

  const repo = {
    /** The repository's connection (the caller's transaction): facts written beside its changes (modules/reports) use it. */
    db,
    /** Stores a message unless its wamid is already stored on this channel (Meta redelivers); returns it only if new. */
    async insertUnlessDuplicate(message: NewMessage): Promise<StoredMessage | undefined> {
      const [row] = await db
        .insert(messages)
        .values(seal({ ...message, id: message.id ?? randomUUID() }))
        .onConflictDoNothing()
        .returning();
      return row && open(row);
    },
    /** Stores an outbound message; with an idempotency key already used, returns the earlier message instead. */
    async insertOutbound(message: NewMessage): Promise<{ message: StoredMessage; created: boolean }> {
      const created = await repo.insertUnlessDuplicate(message);
      if (created) return { message: created, created: true };
      if (!message.idempotencyKey) throw new Error("outbound insert conflicted without an idempotency key");
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.workspaceId, message.workspaceId), eq(messages.idempotencyKey, message.idempotencyKey)));
      if (!row) throw new Error("idempotency conflict without an earlier message");
      return { message: open(row), created: false };
    },
    async get(workspaceId: string, id: string): Promise<StoredMessage | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id)));
      return row && open(row);
    },
    async getByIdempotencyKey(workspaceId: string, key: string): Promise<StoredMessage | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.workspaceId, workspaceId), eq(messages.idempotencyKey, key)));
      return row && open(row);
    },
    /**
     * Claims the next due queued message and marks it `sending` in the same statement: the intent to call Meta is
     * committed before the call, so a crash afterwards is reconciled instead of resent.
     *
     * Only the oldest message still to go out in its conversation is due: WhatsApp shows messages in the order it
     * receives them, so a later message never overtakes an earlier one that is being sent or waits for a retry.
     * A competing worker that has just claimed the earlier one still blocks the later one: under READ COMMITTED the
     * sub-select sees it `queued` (uncommitted claim) or `sending` (committed), both in the blocking set. Campaign
     * messages never hold a conversation back: a paused campaign's message may wait for hours, a person's reply must not.
     */
    async claimDueOutbound(now: Date): Promise<{ id: string; workspaceId: string; attempts: number } | undefined> {
      const [row] = await queryRows<{ id: string; workspace_id: string; attempts: number }>(
        db,
        sql`
        update messages set status = 'sending', attempts = attempts + 1, send_started_at = null, updated_at = ${now.toISOString()}::timestamptz
        where id = (
          select m.id from messages m
          where m.status = 'queued' and m.next_attempt_at <= ${now.toISOString()}::timestamptz
            and not exists (
              select 1 from messages earlier
              where earlier.conversation_id = m.conversation_id
                and earlier.status in ('queued', 'sending')
                and earlier.campaign_id is null
                and (earlier.created_at, earlier.id) < (m.created_at, m.id)
            )
          order by m.next_attempt_at, m.created_at
          for update skip locked
          limit 1
        )
        returning id, workspace_id, attempts`,
      );
      return row && { id: row.id, workspaceId: row.workspace_id, attempts: row.attempts };
    },
    /**
     * Stamps the point of no return of a send attempt, only if this worker still holds the message (`sending`, not
     * stamped): a message the reconciler requeued meanwhile must not be sent by two workers.
     */
    async markSendStarted(workspaceId: string, id: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(messages)
        .set({ sendStartedAt: at, updatedAt: at })
        .where(
          and(eq(messages.workspaceId, workspaceId), eq(messages.id, id), eq(messages.status, "sending"), isNull(messages.sendStartedAt)),
        )
        .returning({ id: messages.id });
      return rows.length === 1;
    },
    /** The newest inbound message of a conversation that WhatsApp knows (has a wamid): the one to mark as read. */
    async latestInboundWithWamid(workspaceId: string, conversationId: string): Promise<StoredMessage | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.workspaceId, workspaceId),
            eq(messages.conversationId, conversationId),
            eq(messages.direction, "inbound"),
            sql`${messages.waMessageIdBidx} is not null`,
          ),
        )
        .orderBy(desc(messages.createdAt))
        .limit(1);
      return row && open(row);
    },
    /** Messages `sending` now: the reconciler checks which of them were abandoned by a stopped worker. */
    async listStuckSending(): Promise<Array<{ id: string; workspaceId: string }>> {
      return db.select({ id: messages.id, workspaceId: messages.workspaceId }).from(messages).where(eq(messages.status, "sending"));
    },
    async getByWamid(workspaceId: string, channelId: string, wamid: string): Promise<StoredMessage | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(byWamid(workspaceId, channelId, wamid));
      return row && open(row);
    },
    /** Locks the row for a status update (FOR UPDATE), so concurrent statuses of one message apply one at a time. */
    async lockByWamid(workspaceId: string, channelId: string, wamid: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(byWamid(workspaceId, channelId, wamid))
        .for("update");
      return row && openIds(row);
    },
    async lockById(workspaceId: string, id: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id)))
        .for("update");
      return row && openIds(row);
    },
    async update(workspaceId: string, id: string, patch: MessagePatch): Promise<void> {
      const { waMessageId, ...set } = patch;
      await db
        .update(messages)
        .set({ updatedAt: new Date(), ...set, ...(waMessageId === undefined ? {} : sealWamid(workspaceId, id, waMessageId)) })
        .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id)));
    },
    /**
     * The newest message of each conversation (reactions excluded: they belong to the message they react to), for
     * the conversation list's previews. One index-backed lookup per conversation of the page.
     */
    async latestByConversations(workspaceId: string, conversationIds: string[]): Promise<Map<string, StoredMessage>> {
      if (conversationIds.length === 0) return new Map();
      const rows = await db
        .selectDistinctOn([messages.conversationId])
        .from(messages)
        .where(
          and(
            eq(messages.workspaceId, workspaceId),
            inArray(messages.conversationId, conversationIds),
            sql`${messages.type} <> 'reaction'`,
          ),
        )
        .orderBy(messages.conversationId, desc(messages.createdAt), desc(messages.id));
      return new Map(rows.map((row) => [row.conversationId, open(row)]));
    },
    /** A conversation's messages, newest first; the cursor is the last row's (createdAt, id). */
    async listByConversation(
      workspaceId: string,
      conversationId: string,
      { limit, before }: { limit: number; before?: { at: Date; id: string } | undefined },
    ): Promise<StoredMessage[]> {
      const rows = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.workspaceId, workspaceId),
            eq(messages.conversationId, conversationId),
            olderThan(messages.createdAt, messages.id, before),
          ),
        )
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(limit);
      return rows.map(open);
    },
    /**
     * Inbound messages after a feed position, in commit-safe order (the `/receive-message` feed). Only rows written by
     * transactions older than every running one are returned, so a row that commits late is delivered later, never
     * skipped.
     */
    async listInboundFeed(
      workspaceId: string,
      { limit, after }: { limit: number; after?: { txId: number; seq: number } | undefined },
    ): Promise<Array<StoredMessage & { feedPosition: { txId: number; seq: number } }>> {
      const rows = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.workspaceId, workspaceId),
            eq(messages.direction, "inbound"),
            sql`${messages.feedTxId} < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`,
            after ? sql`(${messages.feedTxId}, ${messages.feedSeq}) > (${after.txId}, ${after.seq})` : undefined,
          ),
        )
        .orderBy(messages.feedTxId, messages.feedSeq)
        .limit(limit);
      return rows.map((row) => ({ ...open(row), feedPosition: { txId: row.feedTxId, seq: row.feedSeq } }));
    },

    /** Records a reaction unless a newer one by the same side is already stored. */
    async upsertReaction(args: { workspaceId: string; channelId: string; reaction: Reaction }): Promise<void> {
      const id = randomUUID();
      const { workspaceId, channelId, reaction } = args;
      const emojiEnc = reaction.emoji
        ? cipher.encrypt(
            {
              workspaceId,
              table: "message_reactions",
              column: "emoji_enc",
              rowId: `${channelId}:${reaction.targetWamid}:${reaction.actor}`,
            },
            reaction.emoji,
          )
        : null;
      await db
        .insert(messageReactions)
        .values({
          id,
          workspaceId,
          channelId,
          targetWamidBidx: wamidIndex(workspaceId, reaction.targetWamid),
          actor: reaction.actor,
          emojiEnc,
          reactedAt: reaction.reactedAt,
        })
        .onConflictDoUpdate({
          target: [messageReactions.channelId, messageReactions.targetWamidBidx, messageReactions.actor],
          set: { emojiEnc, reactedAt: reaction.reactedAt },
          setWhere: sql`${messageReactions.reactedAt} <= excluded.reacted_at`,
        });
    },
    async reactionsFor(workspaceId: string, channelId: string, wamids: string[]): Promise<Map<string, Reaction[]>> {
      const out = new Map<string, Reaction[]>();
      if (wamids.length === 0) return out;
      const byIndex = new Map(wamids.map((wamid) => [wamidIndex(workspaceId, wamid), wamid]));
      const rows = await db
        .select()
        .from(messageReactions)
        .where(
          and(
            eq(messageReactions.workspaceId, workspaceId),
            eq(messageReactions.channelId, channelId),
            inArray(messageReactions.targetWamidBidx, [...byIndex.keys()]),
          ),
        );
      for (const row of rows) {
        const targetWamid = byIndex.get(row.targetWamidBidx);
        if (!targetWamid || !row.emojiEnc) continue;
        const emoji = cipher.decrypt(
          { workspaceId, table: "message_reactions", column: "emoji_enc", rowId: `${channelId}:${targetWamid}:${row.actor}` },
          row.emojiEnc,
        );
        const list = out.get(targetWamid) ?? [];
        list.push({ targetWamid, actor: row.actor, emoji, reactedAt: row.reactedAt });
        out.set(targetWamid, list);
      }
      return out;
    },

    async addPendingStatus(args: {
      workspaceId: string;
      channelId: string;
      wamid: string;
      callbackData?: string | undefined;
      status: string;
      at: Date;
      errors: unknown[];
      billableCategory?: string | null | undefined;
      recipientCountry?: string | null | undefined;
    }) {
      const id = randomUUID();
      await db
        .insert(pendingStatuses)
        .values({
          id,
          workspaceId: args.workspaceId,
          channelId: args.channelId,
          waMessageIdEnc: cipher.encrypt(pendingPlace(args.workspaceId, id), args.wamid),
          waMessageIdBidx: wamidIndex(args.workspaceId, args.wamid),
          callbackData: args.callbackData ?? null,
          status: args.status,
          occurredAt: args.at,
          errorsJson: args.errors.length ? JSON.stringify(args.errors) : null,
          billableCategory: args.billableCategory ?? null,
          recipientCountry: args.recipientCountry ?? null,
        })
        .onConflictDoNothing();
    },
    /** Takes (and deletes) the statuses that arrived before their message's wamid was known. */
    async takePendingStatuses(workspaceId: string, channelId: string, wamid: string) {
      const rows = await db
        .delete(pendingStatuses)
        .where(
          and(
            eq(pendingStatuses.workspaceId, workspaceId),
            eq(pendingStatuses.channelId, channelId),
            eq(pendingStatuses.waMessageIdBidx, wamidIndex(workspaceId, wamid)),
          ),
        )
        .returning();
      return rows.map(openPending);
    },
    /** One row per parked (workspace, channel, wamid), oldest first, bounded so a sweep stays short. */
    async listParkedStatuses(limit = 500): Promise<Array<{ workspaceId: string; channelId: string; waMessageId: string }>> {
      const rows = await db.select().from(pendingStatuses).orderBy(pendingStatuses.createdAt).limit(limit);
      const seen = new Map<string, { workspaceId: string; channelId: string; waMessageId: string }>();
      for (const row of rows) {
        const key = `${row.channelId}:${row.waMessageIdBidx}`;
        if (!seen.has(key))
          seen.set(key, { workspaceId: row.workspaceId, channelId: row.channelId, waMessageId: openPending(row).waMessageId });
      }
      return [...seen.values()];
    },
    async dropParkedStatusesBefore(before: Date): Promise<void> {
      await db.delete(pendingStatuses).where(lt(pendingStatuses.createdAt, before));
    },
    async findPendingByCallback(workspaceId: string, callbackData: string) {
      const [row] = await db
        .select()
        .from(pendingStatuses)
        .where(and(eq(pendingStatuses.workspaceId, workspaceId), eq(pendingStatuses.callbackData, callbackData)))
        .limit(1);
      return row && openPending(row);
    },
  };
  return repo;
}

export type MessagesRepo = ReturnType<typeof createMessagesRepo>;
