import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import {
  type ConsentPurpose,
  type ConsentSource,
  type ConsentState,
  contactConsentEvents,
  contactConsents,
} from "../../db/schema/contact-consents.ts";
import { users } from "../../db/schema/users.ts";

/** Who recorded a decision: a user of the workspace (null name once deleted), or a part of Papo. */
export type ConsentActor = { type: "user"; userId: string } | { type: "system"; name: string };

export interface ConsentRecord {
  id: string;
  contactId: string;
  purpose: ConsentPurpose;
  state: ConsentState;
  source: ConsentSource;
  evidence: string | null;
  messageId: string | null;
  recordedBy: { type: "user"; id: string | null; name: string | null } | { type: "system"; name: string };
  recordedAt: Date;
}

export interface CurrentConsent {
  purpose: ConsentPurpose;
  state: ConsentState;
  source: ConsentSource;
  eventId: string;
  updatedAt: Date;
}

export interface NewConsentRecord {
  contactId: string;
  purpose: ConsentPurpose;
  state: ConsentState;
  source: ConsentSource;
  evidence?: string | null | undefined;
  messageId?: string | null | undefined;
  actor: ConsentActor;
  at: Date;
}

/** A contact's current decision per purpose (no row: unknown). Reads no encrypted column, so it needs no cipher. */
export async function readCurrentConsents(db: DbOrTx, workspaceId: string, contactId: string): Promise<CurrentConsent[]> {
  const rows = await db
    .select()
    .from(contactConsents)
    .where(and(eq(contactConsents.workspaceId, workspaceId), eq(contactConsents.contactId, contactId)));
  return rows.map((r) => ({ purpose: r.purpose, state: r.state, source: r.source, eventId: r.eventId, updatedAt: r.updatedAt }));
}

/** Consent decisions: the append-only history and the current state per purpose, written together. */
export function createConsentRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, rowId: string) => ({
    workspaceId,
    table: "contact_consent_events",
    column: "evidence_enc",
    rowId,
  });

  return {
    /**
     * Appends a decision and makes it the purpose's current state. The current row is written first: its lock orders
     * concurrent decisions on one contact, so the current state is always the last committed record.
     */
    async record(workspaceId: string, input: NewConsentRecord): Promise<{ id: string }> {
      const id = randomUUID();
      await db
        .insert(contactConsents)
        .values({
          id: randomUUID(),
          workspaceId,
          contactId: input.contactId,
          purpose: input.purpose,
          state: input.state,
          source: input.source,
          eventId: id,
          updatedAt: input.at,
        })
        .onConflictDoUpdate({
          target: [contactConsents.workspaceId, contactConsents.contactId, contactConsents.purpose],
          set: { state: input.state, source: input.source, eventId: id, updatedAt: input.at },
        });
      await db.insert(contactConsentEvents).values({
        id,
        workspaceId,
        contactId: input.contactId,
        purpose: input.purpose,
        state: input.state,
        source: input.source,
        evidenceEnc: input.evidence ? cipher.encrypt(place(workspaceId, id), input.evidence) : null,
        messageId: input.messageId ?? null,
        actorType: input.actor.type,
        actorUserId: input.actor.type === "user" ? input.actor.userId : null,
        actorName: input.actor.type === "system" ? input.actor.name : null,
        recordedAt: input.at,
      });
      return { id };
    },

    current: (workspaceId: string, contactId: string) => readCurrentConsents(db, workspaceId, contactId),

    /** Newest first. The recording user's name comes from the same workspace only. */
    async history(workspaceId: string, contactId: string, { limit }: { limit: number }): Promise<ConsentRecord[]> {
      const rows = await db
        .select({ event: contactConsentEvents, userName: users.name })
        .from(contactConsentEvents)
        .leftJoin(users, and(eq(users.id, contactConsentEvents.actorUserId), eq(users.workspaceId, contactConsentEvents.workspaceId)))
        .where(and(eq(contactConsentEvents.workspaceId, workspaceId), eq(contactConsentEvents.contactId, contactId)))
        .orderBy(desc(contactConsentEvents.recordedAt), desc(contactConsentEvents.id))
        .limit(limit);
      return rows.map(({ event, userName }) => ({
        id: event.id,
        contactId: event.contactId,
        purpose: event.purpose,
        state: event.state,
        source: event.source,
        evidence: event.evidenceEnc ? cipher.decrypt(place(event.workspaceId, event.id), event.evidenceEnc) : null,
        messageId: event.messageId,
        recordedBy:
          event.actorType === "user"
            ? { type: "user" as const, id: event.actorUserId, name: userName }
            : { type: "system" as const, name: event.actorName ?? "papo" },
        recordedAt: event.recordedAt,
      }));
    },
  };
}

export type ConsentRepo = ReturnType<typeof createConsentRepo>;
