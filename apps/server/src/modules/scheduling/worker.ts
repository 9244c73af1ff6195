import type { ServiceContext } from "../../context.ts";
import { systemContext } from "../../context.ts";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../http/errors.ts";
import { startWorkerLoop, type WorkerLoop } from "../../jobs/worker-loop.ts";
import { loadAccess } from "../access/load-access.ts";
import { createMessagesRepo } from "../messages/repo.ts";
import { queueMessage, sendDepsOf } from "../messages/send-service.ts";
import { createScheduledRepo, type ScheduledItem } from "./repo.ts";
import { changed } from "./service.ts";

/** How long a claimed item is the claiming scheduler's; after that another (or the restarted) one takes it again. */
const LEASE_MS = 2 * 60_000;
const MAX_ATTEMPTS = 5;
const defaultRetryDelayMs = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 15 * 60_000);

/** The idempotency key of the message an item becomes: a scheduler that crashed after queueing finds it again. */
export const scheduledIdempotencyKey = (id: string) => `scheduled:${id}`;

export interface SchedulerOptions {
  /** How often an idle scheduler looks for due items (they go within about this long of their time). */
  pollMs?: number;
  retryDelayMs?: (attempt: number) => number;
}

export interface Scheduler extends WorkerLoop {
  /** Claims and processes one due item; false when none was due. */
  runOnce(): Promise<boolean>;
}

/**
 * Sends scheduled messages and delivers reminders at their time (modules/scheduling). Each item is claimed with a
 * lease, judged again now (a follow-up whose customer answered is skipped; a free-form message whose window closed is
 * refused), then queued through the ordinary send path under the idempotency key `scheduled:<id>`.
 */
export function startScheduler(deps: Deps, options: SchedulerOptions = {}): Scheduler {
  const { db } = deps.database;
  const repo = createScheduledRepo({ db, cipher: deps.cipher });
  const messages = createMessagesRepo({ db, cipher: deps.cipher });
  const sendDeps = sendDepsOf(deps);
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;

  const finish = async (item: Pick<ScheduledItem, "id" | "workspaceId" | "conversationId">, outcome: Parameters<typeof repo.finish>[2]) => {
    if (await repo.finish(item.workspaceId, item.id, outcome, deps.clock.now())) changed(deps, item);
  };

  /** The author acts when they still can; otherwise (removed, deactivated) Papo sends in their place. */
  const actorFor = async (item: ScheduledItem): Promise<ServiceContext> => {
    if (item.createdBy?.active) {
      const access = await loadAccess(db, item.workspaceId, item.createdBy.id);
      if (access)
        return {
          workspaceId: item.workspaceId,
          actor: { type: "user", userId: item.createdBy.id, role: access.role, permissions: access.permissions },
        };
    }
    return systemContext(item.workspaceId, "scheduler");
  };

  const process = async (item: ScheduledItem): Promise<void> => {
    if (item.kind === "message") {
      // A crash after queueing: the message exists, so the item went.
      const earlier = await messages.getByIdempotencyKey(item.workspaceId, scheduledIdempotencyKey(item.id));
      if (earlier) return finish(item, { status: "sent", messageId: earlier.id });
    }
    if (item.condition === "no_reply" && (await repo.customerWroteSince(item.workspaceId, item.conversationId, item.createdAt)))
      return finish(item, {
        status: "skipped",
        errorCode: "scheduling.customer_replied",
        errorMessage: "The customer wrote after this follow-up was scheduled, so it was not sent",
      });
    if (item.kind === "reminder") {
      await finish(item, { status: "done" });
      if (item.createdBy)
        deps.events.emit({
          type: "reminder.due",
          workspaceId: item.workspaceId,
          conversationId: item.conversationId,
          scheduledId: item.id,
          userId: item.createdBy.id,
        });
      return;
    }
    const message = item.message;
    if (!message)
      return finish(item, { status: "failed", errorCode: "scheduling.content_missing", errorMessage: "The message's content was erased" });
    const now = deps.clock.now();
    if (message.type !== "template" && !(item.windowExpiresAt && item.windowExpiresAt > now))
      return finish(item, {
        status: "failed",
        errorCode: "scheduling.window_closed",
        errorMessage: item.windowExpiresAt
          ? `The 24-hour window closed at ${item.windowExpiresAt.toISOString()}: a free-form message cannot go now — send an approved template instead`
          : "The customer has not written in the last 24 hours: a free-form message cannot go — send an approved template instead",
      });
    try {
      const ctx = await actorFor(item);
      const { message: queued } = await queueMessage({
        ctx,
        // Sent for an author who is gone: Papo's message, not the bot's (the reports would count a bot conversation).
        ...(ctx.actor.type === "user" ? {} : { senderKind: "system" as const }),
        conversationId: item.conversationId,
        body: message,
        idempotencyKey: scheduledIdempotencyKey(item.id),
        deps: sendDeps,
      });
      await finish(item, { status: "sent", messageId: queued.id });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      // Refused for a reason a retry will not change (consent, a closed window seen by the send path, a deleted media).
      const code = error.code === "messages.window_closed" ? "scheduling.window_closed" : error.code;
      await finish(item, { status: "failed", errorCode: code, errorMessage: error.message });
    }
  };

  const runOnce = async (): Promise<boolean> => {
    const claimed = await repo.claimDue(deps.clock.now(), LEASE_MS);
    if (!claimed) return false;
    const item = claimed;
    changed(deps, item);
    try {
      const loaded = await repo.get(claimed.workspaceId, claimed.id);
      if (loaded) await process(loaded);
    } catch (error) {
      const now = deps.clock.now();
      if (claimed.attempts >= MAX_ATTEMPTS) {
        deps.log.error({ err: error, scheduledId: item.id }, "scheduled item failed after its last attempt");
        await finish(item, {
          status: "failed",
          errorCode: "scheduling.internal_error",
          errorMessage: `It could not be processed after ${MAX_ATTEMPTS} attempts`,
        });
      } else {
        deps.log.warn({ err: error, scheduledId: item.id, attempt: claimed.attempts }, "scheduled item failed; retrying later");
        await repo.retryLater(item.workspaceId, item.id, new Date(now.getTime() + retryDelayMs(claimed.attempts)), now);
        changed(deps, item);
      }
    }
    return true;
  };

  const loop = startWorkerLoop({ name: "scheduler", runOnce, pollMs: options.pollMs ?? 500, log: deps.log });
  // A new or moved item may be due before the next poll; the scheduler's own transitions wake it harmlessly.
  const unsubscribe = deps.events.on((event) => {
    if (event.type === "scheduled_message.changed") loop.kick();
  });
  return {
    runOnce,
    kick: loop.kick,
    async stop() {
      unsubscribe();
      await loop.stop();
    },
  };
}
