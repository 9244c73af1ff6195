import { and, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { aiCache } from "../../db/schema/ai-cache.ts";
import { contactConsentEvents } from "../../db/schema/contact-consents.ts";
import { contactNotes } from "../../db/schema/contact-notes.ts";
import { contacts } from "../../db/schema/contacts.ts";
import { conversationInsights } from "../../db/schema/conversation-insights.ts";
import { conversations } from "../../db/schema/conversations.ts";
import { csatResponses } from "../../db/schema/csat-responses.ts";
import { media } from "../../db/schema/media.ts";
import { messageReactions, messages, pendingStatuses } from "../../db/schema/messages.ts";
import { deleteMessageTranslations } from "../assist/translations-repo.ts";
import { eraseHandoffNotes } from "../bot/handoffs-repo.ts";
import { deleteMessageInsights } from "../copilot/insights-repo.ts";
import { recordConversationsResolved, recordMessagesFailed } from "../reports/facts.ts";
import { deleteSearchTerms } from "../search/terms-repo.ts";

/** What an erased message's `content_enc` holds (encrypted like any content): the fact that there was content. */
export const ERASED_CONTENT = { erased: true } as const;

/** Outbound messages Papo may still send: never erased under the send worker's feet. */
const IN_FLIGHT = ["queued", "sending"] as const;

/** A media row deleted in the transaction: its file is removed after the commit. */
export interface DeletedMedia {
  workspaceId: string;
  id: string;
  storageKey: string | null;
  size: number | null;
}

export interface ContentErasure {
  /** Messages whose content was erased now (already erased or in-flight ones are skipped). */
  messages: number;
  media: DeletedMedia[];
}

/**
 * Deletes media rows that no message refers to any more, among `ids` (a file sent to several customers stays while
 * one of its messages still shows it). Returns what was deleted, so the caller removes the files after its commit.
 */
async function deleteUnreferencedMedia(db: DbOrTx, workspaceId: string, ids: string[]): Promise<DeletedMedia[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .delete(media)
    .where(
      and(
        eq(media.workspaceId, workspaceId),
        inArray(media.id, [...new Set(ids)]),
        sql`not exists (select 1 from ${messages} m where m.workspace_id = ${workspaceId} and m.media_id = ${media.id})`,
      ),
    )
    .returning({ id: media.id, storageKey: media.storageKey, size: media.size });
  return rows.map((row) => ({ workspaceId, ...row }));
}

/**
 * The one content-erasure step, shared by the data-subject erasure and the retention job. For each message (of
 * `workspaceId`, not erased yet, not queued or sending): text, structured content, ad referral, wamid and quoted wamid
 * are replaced by the encrypted `{"erased":true}` marker or null, `content_erased_at` is set, and the media link is
 * cut; type, direction, status, status times, channel and conversation stay, so counts and response times still add
 * up. Reactions to those messages lose their emoji, statuses parked for their wamids and their search terms are
 * deleted, and media rows no other message uses are deleted (files: by the caller, after commit). Run it in the
 * caller's transaction.
 */
export async function eraseMessageContent(
  db: DbOrTx,
  cipher: FieldCipher,
  { workspaceId, messageIds, at }: { workspaceId: string; messageIds: readonly string[]; at: Date },
): Promise<ContentErasure> {
  if (messageIds.length === 0) return { messages: 0, media: [] };
  const rows = await db
    .select({ id: messages.id, channelId: messages.channelId, mediaId: messages.mediaId, wamidIndex: messages.waMessageIdBidx })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        inArray(messages.id, [...new Set(messageIds)]),
        isNull(messages.contentErasedAt),
        notInArray(messages.status, [...IN_FLIGHT]),
      ),
    )
    .for("update");
  if (rows.length === 0) return { messages: 0, media: [] };

  // One statement for the batch: each row gets its own marker ciphertext (the AAD binds it to the row).
  const values = sql.join(
    rows.map(
      (row) =>
        sql`(${row.id}::uuid, ${cipher.encryptJson({ workspaceId, table: "messages", column: "content_enc", rowId: row.id }, ERASED_CONTENT)})`,
    ),
    sql`, `,
  );
  const stamp = at.toISOString();
  await db.execute(sql`
    update messages as m set
      text_enc = null, content_enc = v.content_enc, referral_enc = null, wa_message_id_enc = null, reply_to_wamid_enc = null,
      media_id = null, content_erased_at = ${stamp}::timestamptz, updated_at = ${stamp}::timestamptz
    from (values ${values}) as v(id, content_enc)
    where m.id = v.id and m.workspace_id = ${workspaceId}`);

  // Reactions and parked statuses are keyed by the wamid's blind index (kept on the message for deduplication).
  const byChannel = new Map<string, string[]>();
  for (const row of rows) {
    if (!row.wamidIndex) continue;
    byChannel.set(row.channelId, [...(byChannel.get(row.channelId) ?? []), row.wamidIndex]);
  }
  for (const [channelId, indexes] of byChannel) {
    await db
      .update(messageReactions)
      .set({ emojiEnc: null })
      .where(
        and(
          eq(messageReactions.workspaceId, workspaceId),
          eq(messageReactions.channelId, channelId),
          inArray(messageReactions.targetWamidBidx, indexes),
        ),
      );
    await db
      .delete(pendingStatuses)
      .where(
        and(
          eq(pendingStatuses.workspaceId, workspaceId),
          eq(pendingStatuses.channelId, channelId),
          inArray(pendingStatuses.waMessageIdBidx, indexes),
        ),
      );
  }
  await deleteSearchTerms(db, { workspaceId, itemType: "message", itemIds: rows.map((r) => r.id) });
  await deleteMessageTranslations(db, { workspaceId, messageIds: rows.map((r) => r.id) });
  await deleteMessageInsights(db, { workspaceId, messageIds: rows.map((r) => r.id) });
  await eraseHandoffNotes(db, { workspaceId, messageIds: rows.map((r) => r.id) });
  // Cached provider answers (translations, summaries) may have been made from this content and are keyed by a hash,
  // not by message: the workspace's cache goes (it is only an optimisation, refilled on the next requests).
  await db.delete(aiCache).where(eq(aiCache.workspaceId, workspaceId));
  const deleted = await deleteUnreferencedMedia(
    db,
    workspaceId,
    rows.flatMap((r) => (r.mediaId ? [r.mediaId] : [])),
  );
  return { messages: rows.length, media: deleted };
}

/**
 * Retention's media step: the files go while the messages keep their text. The messages showing them lose the link
 * (in-flight ones are never touched, and keep their file), then the media rows no message uses any more are deleted.
 */
export async function eraseMedia(
  db: DbOrTx,
  { workspaceId, mediaIds, at }: { workspaceId: string; mediaIds: readonly string[]; at: Date },
): Promise<DeletedMedia[]> {
  if (mediaIds.length === 0) return [];
  const ids = [...new Set(mediaIds)];
  await db
    .update(messages)
    .set({ mediaId: null, updatedAt: at })
    .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.mediaId, ids), notInArray(messages.status, [...IN_FLIGHT])));
  return deleteUnreferencedMedia(db, workspaceId, ids);
}

export interface ContactErasureRows {
  notes: number;
  consentEvidence: number;
  conversationsResolved: number;
  queuedCancelled: number;
  /** Every conversation of the contact (the live stream is told they changed). */
  conversationIds: string[];
}

/**
 * The contact's own rows, in the caller's transaction: personal columns and their blind indexes nulled (so a later
 * message from the same number makes a new contact), tags and attributes cleared, `erased_at` set; notes deleted;
 * the evidence of consent records (personal) nulled while the decisions stay; its search terms deleted; its open
 * conversations resolved; its queued outbound messages cancelled (failed with `papo.contact_erased`).
 */
export async function eraseContactRows(
  db: DbOrTx,
  { workspaceId, contactId, at }: { workspaceId: string; contactId: string; at: Date },
): Promise<ContactErasureRows> {
  // Campaign rows keep only counts and statuses: the CSV's number and cells go, found by contact or (a CSV row not yet
  // launched) by the contact's wa_id index — read before the contact's indexes are nulled below.
  await db.execute(sql`
    update campaign_recipients set phone_enc = null, variables_enc = null
    where workspace_id = ${workspaceId} and (phone_enc is not null or variables_enc is not null)
      and (contact_id = ${contactId}
        or wa_id_bidx = (select c.wa_id_bidx from contacts c where c.workspace_id = ${workspaceId} and c.id = ${contactId}))`);
  await db
    .update(contacts)
    .set({
      nameEnc: null,
      phoneEnc: null,
      phoneBidx: null,
      waIdEnc: null,
      waIdBidx: null,
      userIdEnc: null,
      userIdBidx: null,
      usernameEnc: null,
      attributesEnc: null,
      tags: [],
      erasedAt: at,
      updatedAt: at,
    })
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  const notes = await db
    .delete(contactNotes)
    .where(and(eq(contactNotes.workspaceId, workspaceId), eq(contactNotes.contactId, contactId)))
    .returning({ id: contactNotes.id });
  const evidence = await db
    .update(contactConsentEvents)
    .set({ evidenceEnc: null })
    .where(
      and(
        eq(contactConsentEvents.workspaceId, workspaceId),
        eq(contactConsentEvents.contactId, contactId),
        sql`${contactConsentEvents.evidenceEnc} is not null`,
      ),
    )
    .returning({ id: contactConsentEvents.id });
  await deleteSearchTerms(db, { workspaceId, itemType: "contact", itemIds: [contactId] });
  const resolved = await db
    .update(conversations)
    .set({ status: "resolved", resolvedAt: at })
    .where(
      and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, contactId), sql`${conversations.status} <> 'resolved'`),
    )
    .returning({ id: conversations.id });
  await recordConversationsResolved(
    db,
    workspaceId,
    resolved.map((c) => c.id),
    at,
  );
  const cancelled = await db
    .update(messages)
    .set({
      status: "failed",
      failedAt: at,
      nextAttemptAt: null,
      errorCode: "papo.contact_erased",
      errorTitle: "The contact's data was erased before this message was sent",
      updatedAt: at,
    })
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.contactId, contactId), eq(messages.status, "queued")))
    .returning({ id: messages.id });
  await recordMessagesFailed(
    db,
    workspaceId,
    cancelled.map((m) => m.id),
    at,
  );
  const all = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, contactId)));
  // The copilot's reading of the person (language, mood, trend) goes with them; the messages' readings go with content.
  if (all.length > 0)
    await db.delete(conversationInsights).where(
      and(
        eq(conversationInsights.workspaceId, workspaceId),
        inArray(
          conversationInsights.conversationId,
          all.map((c) => c.id),
        ),
      ),
    );
  // A satisfaction comment is the customer's words; the score alone, on an anonymised contact, stays for the reports.
  if (all.length > 0)
    await db
      .update(csatResponses)
      .set({ commentEnc: null })
      .where(
        and(
          eq(csatResponses.workspaceId, workspaceId),
          inArray(
            csatResponses.conversationId,
            all.map((c) => c.id),
          ),
        ),
      );
  return {
    conversationIds: all.map((c) => c.id),
    notes: notes.length,
    consentEvidence: evidence.length,
    conversationsResolved: resolved.length,
    queuedCancelled: cancelled.length,
  };
}

/** Locks the contact's row and its outbound messages still in the send pipeline; returns what the erasure must know. */
export async function lockContactForErasure(
  db: DbOrTx,
  { workspaceId, contactId }: { workspaceId: string; contactId: string },
): Promise<{ found: boolean; sending: number }> {
  const [contact] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)))
    .for("update");
  if (!contact) return { found: false, sending: 0 };
  const inFlight = await queryRows<{ status: string }>(
    db,
    sql`select status from messages where workspace_id = ${workspaceId} and contact_id = ${contactId}
        and status in ('queued', 'sending') for update`,
  );
  return { found: true, sending: inFlight.filter((row) => row.status === "sending").length };
}

/** Every message id of a contact, oldest first, a page at a time (keyset on id within the contact). */
export async function contactMessageIds(
  db: DbOrTx,
  { workspaceId, contactId, after, limit }: { workspaceId: string; contactId: string; after?: string | undefined; limit: number },
): Promise<string[]> {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(eq(messages.workspaceId, workspaceId), eq(messages.contactId, contactId), after ? sql`${messages.id} > ${after}` : undefined),
    )
    .orderBy(messages.id)
    .limit(limit);
  return rows.map((r) => r.id);
}
