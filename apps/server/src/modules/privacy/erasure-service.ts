import type { ServiceContext } from "../../context.ts";
import type { Deps } from "../../deps.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { canSeeContact } from "../access/scope.ts";
import { actorOf } from "../audit/trail.ts";
import { type Contact, createContactsRepo, phoneDigits } from "../contacts/repo.ts";
import { eraseScheduledForContact } from "../scheduling/repo.ts";
import { contactMessageIds, type DeletedMedia, eraseContactRows, eraseMessageContent, lockContactForErasure } from "./erasure-repo.ts";
import { removeMediaFiles } from "./media-files.ts";

/** The words that confirm an erasure when the phone is not at hand (or the contact has none). */
export const ERASE_WORDS = ["APAGAR", "ERASE"] as const;

const BATCH = 500;

export interface ErasureReport {
  contactId: string;
  erasedAt: Date;
  messages: number;
  media: number;
  notes: number;
  conversationsResolved: number;
  queuedCancelled: number;
}

/** How the confirmation matched: the contact's phone (digits, any formatting), or one of the words. */
export function confirmationOf(contact: Pick<Contact, "phone" | "waId">, confirm: string): "phone" | "word" | null {
  const typed = confirm.trim();
  if ((ERASE_WORDS as readonly string[]).includes(typed.toUpperCase())) return "word";
  const digits = phoneDigits(typed);
  if (digits.length < 6) return null;
  const known = [contact.phone, contact.waId].flatMap((p) => (p ? [phoneDigits(p)] : []));
  return known.includes(digits) ? "phone" : null;
}

/**
 * A data-subject erasure (LGPD art. 18 VI), in one transaction: the contact is anonymised, its notes deleted, every
 * message's content erased (the shared step in erasure-repo.ts), its queued sends cancelled and open conversations
 * resolved, and `contact.erased` recorded — all or nothing. Media files are removed after the commit. Refused with
 * 409 while one of its messages is being handed to WhatsApp (`sending`): try again in a moment.
 */
export async function eraseContact({
  deps,
  ctx,
  contactId,
  confirm,
  ip,
}: {
  deps: Deps;
  ctx: ServiceContext;
  contactId: string;
  confirm: string;
  ip?: string | undefined;
}): Promise<ErasureReport> {
  const { db } = deps.database;
  const ws = ctx.workspaceId;
  const contact = await createContactsRepo({ db, cipher: deps.cipher }).get(ws, contactId);
  if (!contact || !(await canSeeContact(db, ctx, contactId))) throw notFound("contacts", contactId);
  const confirmedBy = confirmationOf(contact, confirm);
  if (!confirmedBy)
    throw new AppError({
      code: "privacy.confirmation_mismatch",
      status: 422,
      message: `confirm: type the contact's phone number or the word ${ERASE_WORDS.join(" or ")} to erase this contact`,
      details: { field: "confirm" },
    });

  const at = deps.clock.now();
  const deleted: DeletedMedia[] = [];
  const { report, conversationIds } = await db.transaction(async (tx) => {
    const lock = await lockContactForErasure(tx, { workspaceId: ws, contactId });
    if (!lock.found) throw notFound("contacts", contactId);
    if (lock.sending > 0)
      throw new AppError({
        code: "privacy.send_in_progress",
        status: 409,
        message: "A message to this contact is being sent right now: try the erasure again in a minute",
        details: { sending: lock.sending },
      });
    const rows = await eraseContactRows(tx, { workspaceId: ws, contactId, at });
    // Scheduled messages and reminders to the contact: pending ones cancelled, every one's content replaced.
    await eraseScheduledForContact(tx, deps.cipher, { workspaceId: ws, contactId, at });
    let messages = 0;
    for (let after: string | undefined; ; ) {
      const ids = await contactMessageIds(tx, { workspaceId: ws, contactId, after, limit: BATCH });
      const erased = await eraseMessageContent(tx, deps.cipher, { workspaceId: ws, messageIds: ids, at });
      messages += erased.messages;
      deleted.push(...erased.media);
      if (ids.length < BATCH) break;
      after = ids.at(-1);
    }
    const report: ErasureReport = {
      contactId,
      erasedAt: at,
      messages,
      media: deleted.length,
      notes: rows.notes,
      conversationsResolved: rows.conversationsResolved,
      queuedCancelled: rows.queuedCancelled,
    };
    await deps.audit.record(
      {
        workspaceId: ws,
        actor: actorOf(ctx),
        action: "contact.erased",
        target: { type: "contact", id: contactId },
        details: {
          confirmedBy,
          messages,
          media: deleted.length,
          notes: rows.notes,
          consentEvidence: rows.consentEvidence,
          conversationsResolved: rows.conversationsResolved,
          queuedCancelled: rows.queuedCancelled,
        },
        ip,
      },
      { tx },
    );
    return { report, conversationIds: rows.conversationIds };
  });

  await removeMediaFiles(deps, deleted);
  deps.events.emit({ type: "contact.updated", workspaceId: ws, contactId });
  for (const conversationId of conversationIds) deps.events.emit({ type: "conversation.updated", workspaceId: ws, conversationId });
  return report;
}
