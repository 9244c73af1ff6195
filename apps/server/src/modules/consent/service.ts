import type { Clock } from "../../clock.ts";
import type { ServiceContext } from "../../context.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import type { ConsentPurpose, ConsentSource, ConsentState } from "../../db/schema/contact-consents.ts";
import type { DomainEvent, EventBus } from "../../events/bus.ts";
import { AppError } from "../../http/errors.ts";
import { type AuditTrail, actorOf } from "../audit/trail.ts";
import { onMarketingWithdrawn } from "../campaigns/opt-out.ts";
import { type ConsentRecord, type CurrentConsent, createConsentRepo, readCurrentConsents } from "./repo.ts";

export type ConsentView = {
  current: Record<ConsentPurpose, { state: ConsentState | "unknown"; source: ConsentSource | null; updatedAt: Date | null }>;
  history: ConsentRecord[];
};

const unknown = { state: "unknown" as const, source: null, updatedAt: null };

const currentView = (rows: CurrentConsent[]): ConsentView["current"] => {
  const of = (purpose: ConsentPurpose) => {
    const row = rows.find((r) => r.purpose === purpose);
    return row ? { state: row.state, source: row.source, updatedAt: row.updatedAt } : unknown;
  };
  return { service: of("service"), marketing: of("marketing") };
};

/** A contact's current decision per purpose (`unknown` when none was recorded) and its history, newest first. */
export async function getConsents({
  db,
  cipher,
  workspaceId,
  contactId,
  limit,
}: {
  db: DbOrTx;
  cipher: FieldCipher;
  workspaceId: string;
  contactId: string;
  limit: number;
}): Promise<ConsentView> {
  const repo = createConsentRepo({ db, cipher });
  const [current, history] = await Promise.all([repo.current(workspaceId, contactId), repo.history(workspaceId, contactId, { limit })]);
  return { current: currentView(current), history };
}

/**
 * Records a decision given by a person or a system through the API (the contact's visibility is the caller's to
 * check). The history record and `contact.consent_changed` commit together; the console hears `contact.updated`.
 */
export async function recordConsent({
  deps,
  ctx,
  contactId,
  decision,
  ip,
}: {
  deps: { db: Db; cipher: FieldCipher; clock: Clock; audit: AuditTrail; events: EventBus };
  ctx: ServiceContext;
  contactId: string;
  decision: { purpose: ConsentPurpose; state: ConsentState; source: ConsentSource; evidence?: string | undefined };
  ip?: string | undefined;
}): Promise<{ id: string }> {
  const ws = ctx.workspaceId;
  const withdrawn: DomainEvent[] = [];
  const recorded = await deps.db.transaction(async (tx) => {
    const created = await createConsentRepo({ db: tx, cipher: deps.cipher }).record(ws, {
      contactId,
      ...decision,
      actor: ctx.actor.type === "user" ? { type: "user", userId: ctx.actor.userId } : { type: "system", name: ctx.actor.name },
      at: deps.clock.now(),
    });
    await deps.audit.record(
      {
        workspaceId: ws,
        actor: actorOf(ctx),
        action: "contact.consent_changed",
        target: { type: "contact", id: contactId },
        // Ids and enums only: the evidence may be personal and stays encrypted in the history.
        details: {
          purpose: decision.purpose,
          state: decision.state,
          source: decision.source,
          consentRecordId: created.id,
          withEvidence: Boolean(decision.evidence),
        },
        ...(ip ? { ip } : {}),
      },
      { tx },
    );
    // Withdrawing marketing (or being contacted at all) takes the contact out of marketing campaigns still sending.
    if (decision.state === "withdrawn" && (decision.purpose === "marketing" || decision.purpose === "service")) {
      await onMarketingWithdrawn(tx, ws, contactId, { at: deps.clock.now(), emit: (event) => withdrawn.push(event) });
    }
    return created;
  });
  for (const event of withdrawn) deps.events.emit(event);
  deps.events.emit({ type: "contact.updated", workspaceId: ws, contactId });
  return recorded;
}

/**
 * Whether marketing (MARKETING templates, campaigns) may go to the contact: its marketing consent is granted — the
 * latest decision, so a later withdrawal wins — and it has not withdrawn consent to being contacted at all (service).
 * Unknown is no: consent must be shown, not presumed (LGPD art. 8). Campaigns and marketing templates (issue 7) call
 * this, or {@link assertCanReceiveMarketing}, before queueing anything.
 */
export async function canReceiveMarketing({
  db,
  workspaceId,
  contactId,
}: {
  db: DbOrTx;
  workspaceId: string;
  contactId: string;
}): Promise<boolean> {
  const rows = await readCurrentConsents(db, workspaceId, contactId);
  const state = (purpose: ConsentPurpose) => rows.find((r) => r.purpose === purpose)?.state;
  return state("marketing") === "granted" && state("service") !== "withdrawn";
}

/** {@link canReceiveMarketing}, as the error a sender answers with: 422 `consent.marketing_not_allowed`. */
export async function assertCanReceiveMarketing(args: { db: DbOrTx; workspaceId: string; contactId: string }): Promise<void> {
  if (await canReceiveMarketing(args)) return;
  throw new AppError({
    code: "consent.marketing_not_allowed",
    status: 422,
    message: "The contact has not granted marketing consent (or withdrew it): marketing messages cannot be sent to them",
    details: { contactId: args.contactId },
  });
}
