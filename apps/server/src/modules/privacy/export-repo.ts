import { and, asc, eq, sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { contactConsentEvents, contactConsents } from "../../db/schema/contact-consents.ts";
import { conversations } from "../../db/schema/conversations.ts";

/** Reads for the data-subject export that no other repository offers: a contact's conversations and consents. */
export function createExportRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  return {
    /** The contact's conversations, oldest first (no encrypted column in them). */
    async conversationsOf(workspaceId: string, contactId: string) {
      return db
        .select({
          id: conversations.id,
          channelId: conversations.channelId,
          status: conversations.status,
          assigneeId: conversations.assigneeId,
          handledBy: conversations.handledBy,
          createdAt: conversations.createdAt,
          lastActivityAt: conversations.lastActivityAt,
          lastInboundAt: conversations.lastInboundAt,
          windowExpiresAt: conversations.windowExpiresAt,
          resolvedAt: conversations.resolvedAt,
        })
        .from(conversations)
        .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, contactId)))
        .orderBy(asc(conversations.createdAt), asc(conversations.id));
    },

    /** Bytes of the stored files the contact's messages show: checked against the export's size limit before reading them. */
    async mediaBytesOf(workspaceId: string, contactId: string): Promise<number> {
      const [row] = await queryRows<{ bytes: string | number | null }>(
        db,
        sql`select coalesce(sum(md.size), 0) as bytes from media md
            where md.workspace_id = ${workspaceId} and md.status = 'stored'
              and md.id in (select m.media_id from messages m where m.workspace_id = ${workspaceId} and m.contact_id = ${contactId})`,
      );
      return Number(row?.bytes ?? 0);
    },

    /** Current consent per purpose and the full history, evidence decrypted (AAD `contact_consent_events:evidence_enc:<id>`). */
    async consentsOf(workspaceId: string, contactId: string) {
      const current = await db
        .select({
          purpose: contactConsents.purpose,
          state: contactConsents.state,
          source: contactConsents.source,
          updatedAt: contactConsents.updatedAt,
        })
        .from(contactConsents)
        .where(and(eq(contactConsents.workspaceId, workspaceId), eq(contactConsents.contactId, contactId)))
        .orderBy(asc(contactConsents.purpose));
      const events = await db
        .select()
        .from(contactConsentEvents)
        .where(and(eq(contactConsentEvents.workspaceId, workspaceId), eq(contactConsentEvents.contactId, contactId)))
        .orderBy(asc(contactConsentEvents.recordedAt), asc(contactConsentEvents.id));
      const history = events.map((event) => {
        let evidence: string | null = null;
        if (event.evidenceEnc) {
          try {
            evidence = cipher.decrypt(
              { workspaceId, table: "contact_consent_events", column: "evidence_enc", rowId: event.id },
              event.evidenceEnc,
            );
          } catch {
            evidence = "[unreadable]";
          }
        }
        return {
          id: event.id,
          purpose: event.purpose,
          state: event.state,
          source: event.source,
          evidence,
          messageId: event.messageId,
          recordedBy: event.actorType === "user" ? { type: "user", userId: event.actorUserId } : { type: "system", name: event.actorName },
          recordedAt: event.recordedAt,
        };
      });
      return { current, history };
    },
  };
}
