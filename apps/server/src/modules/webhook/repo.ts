import { createHash, randomUUID } from "node:crypto";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { webhookEvents } from "../../db/schema/webhook-events.ts";

// Raw bodies are stored before routing tells which workspace they belong to: they use the system scope.
const SYSTEM_SCOPE = "system";
const place = (id: string) => ({ workspaceId: SYSTEM_SCOPE, table: "webhook_events", column: "body_enc", rowId: id });

/** A raw-query timestamptz: node-postgres gives a Date, PGlite a string like `2026-11-29 05:23:19.779+00`. */
const timestampOf = (value: Date | string): Date =>
  value instanceof Date ? value : new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));

export interface ClaimedWebhookEvent {
  id: string;
  /** The raw body, decrypted. */
  body: string;
  attempts: number;
  /** When Papo acknowledged it: orders messages Meta stamped with the same second. */
  receivedAt: Date;
  /** Fingerprint of the app secret that signed it (see `webhook_events.signed_by`). */
  signedBy: string | null;
}

/** A keyed fingerprint of an app secret: comparable without storing the secret. */
export const appSecretFingerprint = (cipher: FieldCipher, appSecret: string): string =>
  cipher.blindIndex({ workspaceId: SYSTEM_SCOPE, purpose: "app-secret", value: appSecret });

export function createWebhookEventsRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  return {
    /**
     * Stores a signed body durably. Meta's retries of the exact same body collapse onto the first row (unique hash).
     * Returns the id and whether it is new.
     */
    async store(rawBody: Buffer, signedBy: string | null): Promise<{ id: string; created: boolean }> {
      const id = randomUUID();
      const bodyHash = createHash("sha256").update(rawBody).digest("hex");
      const [row] = await db
        .insert(webhookEvents)
        .values({ id, bodyHash, bodyEnc: cipher.encrypt(place(id), rawBody.toString("utf8")), status: "pending", signedBy })
        .onConflictDoNothing()
        .returning({ id: webhookEvents.id });
      if (row) return { id: row.id, created: true };
      const [existing] = await db.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.bodyHash, bodyHash));
      return { id: existing?.id ?? id, created: false };
    },
    /** Claims the oldest due pending event with a lease; a worker that dies lets the lease run out and another retries. */
    async claimDue(now: Date, leaseMs: number): Promise<ClaimedWebhookEvent | undefined> {
      const [claimed] = await queryRows<{
        id: string;
        body_enc: string;
        attempts: number;
        received_at: Date | string;
        signed_by: string | null;
      }>(
        db,
        sql`
        update webhook_events set attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        where id = (
          select id from webhook_events
          where status = 'pending' and (next_attempt_at is null or next_attempt_at <= ${now.toISOString()}::timestamptz)
          order by received_at
          for update skip locked
          limit 1
        )
        returning id, body_enc, attempts, received_at, signed_by`,
      );
      if (!claimed) return undefined;
      return {
        id: claimed.id,
        body: cipher.decrypt(place(claimed.id), claimed.body_enc),
        attempts: claimed.attempts,
        receivedAt: timestampOf(claimed.received_at),
        signedBy: claimed.signed_by,
      };
    },
    async markProcessed(id: string, now: Date): Promise<void> {
      await db.update(webhookEvents).set({ status: "processed", processedAt: now, error: null }).where(eq(webhookEvents.id, id));
    },
    /**
     * At start-up: bodies claimed by a process that then died are made due again at once instead of after their lease.
     * Bodies waiting out a retry backoff (they carry an error) keep their time. Safe with several nodes, because
     * processing is idempotent.
     */
    async releaseAbandonedClaims(): Promise<number> {
      const released = await db
        .update(webhookEvents)
        .set({ nextAttemptAt: null })
        .where(and(eq(webhookEvents.status, "pending"), isNull(webhookEvents.error), isNotNull(webhookEvents.nextAttemptAt)))
        .returning({ id: webhookEvents.id });
      return released.length;
    },
    async markRetry(id: string, error: string, at: Date): Promise<void> {
      await db
        .update(webhookEvents)
        .set({ error: error.slice(0, 2000), nextAttemptAt: at })
        .where(and(eq(webhookEvents.id, id), eq(webhookEvents.status, "pending")));
    },
    async markFailed(id: string, error: string): Promise<void> {
      await db
        .update(webhookEvents)
        .set({ status: "failed", error: error.slice(0, 2000) })
        .where(eq(webhookEvents.id, id));
    },
    async countPending(): Promise<number> {
      const [row] = await queryRows<{ n: number | string }>(db, sql`select count(*) as n from webhook_events where status = 'pending'`);
      return Number(row?.n ?? 0);
    },
  };
}

export type WebhookEventsRepo = ReturnType<typeof createWebhookEventsRepo>;
