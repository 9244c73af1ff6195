import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { copilotTasks } from "../../db/schema/copilot-tasks.ts";

export interface ClaimedTask {
  id: string;
  workspaceId: string;
  messageId: string;
  attempts: number;
  createdAt: Date;
}

/**
 * `last_error` of a task parked until its media is downloaded. Only parked tasks are woken early: a task a worker holds
 * (leased) must not be made due again, or a second worker would run it at the same time.
 */
export const WAITING_FOR_MEDIA = "waiting for media";

export function createCopilotTasksRepo({ db }: { db: DbOrTx }) {
  return {
    /** Queues the analysis of a new inbound message (in the transaction that stores it); once per message. */
    async enqueueAnalysis(workspaceId: string, messageId: string, at: Date): Promise<void> {
      await db
        .insert(copilotTasks)
        .values({ id: randomUUID(), workspaceId, messageId, kind: "analyse_inbound", nextAttemptAt: at })
        .onConflictDoNothing();
    },
    /**
     * Claims the next due task and leases it (pushes its next attempt past the lease) in one statement, so a task whose
     * worker died is taken again after the lease, and two workers never run one task at once.
     */
    async claimDue(now: Date, leaseMs: number): Promise<ClaimedTask | undefined> {
      const [row] = await queryRows<{ id: string; workspace_id: string; message_id: string; attempts: number; created_at: string | Date }>(
        db,
        sql`
        update copilot_tasks set attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz,
          last_error = nullif(last_error, ${WAITING_FOR_MEDIA})
        where id = (
          select id from copilot_tasks
          where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
          order by next_attempt_at
          for update skip locked
          limit 1
        )
        returning id, workspace_id, message_id, attempts, created_at`,
      );
      return (
        row && {
          id: row.id,
          workspaceId: row.workspace_id,
          messageId: row.message_id,
          attempts: row.attempts,
          createdAt: new Date(row.created_at),
        }
      );
    },
    async complete(id: string): Promise<void> {
      await db.update(copilotTasks).set({ status: "done", lastError: null }).where(eq(copilotTasks.id, id));
    },
    async fail(id: string, error: string): Promise<void> {
      await db.update(copilotTasks).set({ status: "failed", lastError: error }).where(eq(copilotTasks.id, id));
    },
    /** Runs again at `at`; `giveBackAttempt` when it only waited (for a media download) rather than failed. */
    async reschedule(id: string, at: Date, { error, giveBackAttempt = false }: { error?: string; giveBackAttempt?: boolean } = {}) {
      await db
        .update(copilotTasks)
        .set({
          nextAttemptAt: at,
          lastError: error ?? null,
          ...(giveBackAttempt ? { attempts: sql`greatest(${copilotTasks.attempts} - 1, 0)` } : {}),
        })
        .where(and(eq(copilotTasks.id, id), eq(copilotTasks.status, "pending")));
    },
    /**
     * Closes the race with the download worker: its wake-up may come between this task's check of the media and its
     * parking. Called right after parking: if the media has settled meanwhile, the task is due now.
     */
    async wakeIfMediaSettled(id: string, now: Date): Promise<void> {
      await db.execute(sql`
        update copilot_tasks set next_attempt_at = ${now.toISOString()}::timestamptz
        where id = ${id} and status = 'pending' and last_error = ${WAITING_FOR_MEDIA}
          and exists (
            select 1 from messages m join media md on md.id = m.media_id
            where m.id = copilot_tasks.message_id and md.status <> 'pending'
          )`);
    },
    /** The media of a message became ready: its waiting analysis runs now. */
    async wakeForMedia(workspaceId: string, mediaId: string, now: Date): Promise<void> {
      await db.execute(sql`
        update copilot_tasks set next_attempt_at = ${now.toISOString()}::timestamptz
        where status = 'pending' and workspace_id = ${workspaceId} and last_error = ${WAITING_FOR_MEDIA}
          and message_id in (select id from messages where workspace_id = ${workspaceId} and media_id = ${mediaId})`);
    },
  };
}
