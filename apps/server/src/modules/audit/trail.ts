import type { Clock } from "../../clock.ts";
import type { ServiceContext } from "../../context.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import type { AuditActorType } from "../../db/schema/audit.ts";
import type { AuditAction, AuditTargetType } from "./actions.ts";
import { type AuditJson, type ChainCheck, createChainVerifier } from "./chain.ts";
import { type AuditFilters, type AuditRecord, createAuditRepo } from "./repo.ts";

export interface AuditActor {
  type: AuditActorType;
  /** The user's id, or the system part's name; null for an anonymous caller. */
  id: string | null;
}

/** Who acted, as the audit log names them. */
export const actorOf = (ctx: ServiceContext): AuditActor =>
  ctx.actor.type === "user" ? { type: "user", id: ctx.actor.userId } : { type: "system", id: ctx.actor.name };

export interface AuditEventInput {
  workspaceId: string;
  actor: AuditActor;
  action: AuditAction;
  target?: { type: AuditTargetType; id: string } | undefined;
  /** Stored in clear: ids, field names, roles, statuses — never message content or personal data. */
  details?: Record<string, AuditJson> | undefined;
  /** Anything personal (an e-mail tried at login, a name before and after): stored encrypted. */
  personal?: Record<string, AuditJson> | undefined;
  /** The client's address: stored encrypted. */
  ip?: string | undefined;
}

export interface AuditTrail {
  /**
   * Appends a record. With `tx`, inside the caller's transaction (the record commits or rolls back with the change it
   * describes, and the workspace's append lock is held until that transaction ends); without, in a transaction of its own.
   */
  record(event: AuditEventInput, options?: { tx?: DbOrTx | undefined }): Promise<AuditRecord>;
  /**
   * `contact.viewed`, at most once per actor and contact per `viewWindowMs` (5 minutes): opening a contact, then its
   * conversation, then scrolling, is one view in the log, not a flood. Returns whether a record was written.
   */
  recordContactView(
    view: { ctx: ServiceContext; contactId: string; ip?: string | undefined; via: Record<string, AuditJson> },
    options?: { tx?: DbOrTx | undefined },
  ): Promise<boolean>;
  /** Newest first. */
  list(workspaceId: string, filters: AuditFilters, page: { limit: number; beforeSeq?: number | undefined }): Promise<AuditRecord[]>;
  /** Oldest first, streamed from the database a batch at a time. */
  scan(workspaceId: string, filters: AuditFilters): AsyncGenerator<AuditRecord>;
  /** Walks the workspace's chain from #1 and names the first broken record. */
  verify(workspaceId: string): Promise<ChainCheck>;
}

export const CONTACT_VIEW_WINDOW_MS = 5 * 60_000;
const VIEW_MEMORY_LIMIT = 10_000;

export function createAuditTrail({
  db,
  cipher,
  clock,
  viewWindowMs = CONTACT_VIEW_WINDOW_MS,
}: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  viewWindowMs?: number;
}): AuditTrail {
  // Per process: with several processes a view may be recorded once by each, which is still far from a flood.
  const lastViews = new Map<string, number>();
  const forgetOldViews = (now: number) => {
    if (lastViews.size < VIEW_MEMORY_LIMIT) return;
    for (const [key, at] of lastViews) if (now - at >= viewWindowMs) lastViews.delete(key);
  };

  const trail: AuditTrail = {
    async record(event, { tx } = {}) {
      const append = (on: DbOrTx) =>
        createAuditRepo({ db: on, cipher }).append({
          workspaceId: event.workspaceId,
          at: clock.now(),
          actorType: event.actor.type,
          actorId: event.actor.id,
          action: event.action,
          targetType: event.target?.type ?? null,
          targetId: event.target?.id ?? null,
          details: event.details ?? {},
          personal: event.personal && Object.keys(event.personal).length > 0 ? event.personal : null,
          ip: event.ip ?? null,
        });
      return tx ? append(tx) : db.transaction(append);
    },

    async recordContactView({ ctx, contactId, ip, via }, options) {
      const actor = actorOf(ctx);
      const key = `${ctx.workspaceId}|${actor.type}:${actor.id}|${contactId}`;
      const now = clock.now().getTime();
      const last = lastViews.get(key);
      if (last !== undefined && now - last < viewWindowMs) return false;
      forgetOldViews(now);
      // Taken before the write, so two requests at once record one view.
      lastViews.set(key, now);
      try {
        await trail.record(
          { workspaceId: ctx.workspaceId, actor, action: "contact.viewed", target: { type: "contact", id: contactId }, details: via, ip },
          options,
        );
      } catch (error) {
        lastViews.delete(key);
        throw error;
      }
      return true;
    },

    list: (workspaceId, filters, page) => createAuditRepo({ db, cipher }).list(workspaceId, filters, page),
    scan: (workspaceId, filters) => createAuditRepo({ db, cipher }).scan(workspaceId, filters),

    async verify(workspaceId) {
      const verifier = createChainVerifier(cipher);
      for await (const record of createAuditRepo({ db, cipher }).scanForVerify(workspaceId)) {
        if (!verifier.push(record)) break;
      }
      return verifier.result();
    },
  };
  return trail;
}
