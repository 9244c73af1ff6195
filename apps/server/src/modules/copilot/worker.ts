import type { Deps } from "../../deps.ts";
import { startWorkerLoop, type WorkerLoop } from "../../jobs/worker-loop.ts";
import { analyseInbound, clearAttentionAfterReply } from "./analysis.ts";
import { purgeExpiredAiCache } from "./cache.ts";
import { createCopilotTasksRepo, WAITING_FOR_MEDIA } from "./tasks-repo.ts";

const MAX_ATTEMPTS = 5;
/** Longer than any provider call with its retries: a task leased this long was abandoned by a stopped worker. */
const LEASE_MS = 5 * 60_000;
/** How long a voice note's analysis waits for its file before looking again (the download worker also wakes it). */
const MEDIA_WAIT_MS = 60_000;
/** Media downloads are retried for about a day; the analysis gives up waiting a little later. */
const MEDIA_WAIT_LIMIT_MS = 30 * 3600_000;
const CACHE_PURGE_MS = 3600_000;

export const analysisRetryDelayMs = (attempt: number) => Math.min(10 * 60_000, 5_000 * 4 ** Math.max(0, attempt - 1));

export interface CopilotWorker extends WorkerLoop {
  /** A message's media was downloaded (or failed for good): its waiting analysis runs now. */
  mediaSettled(workspaceId: string, mediaId: string): void;
}

/** The durable inbound-analysis worker (copilot_tasks), plus the reply listener that clears attention flags. */
export function startCopilotWorker(
  deps: Deps,
  { retryDelayMs = analysisRetryDelayMs }: { retryDelayMs?: (attempt: number) => number } = {},
): CopilotWorker {
  const { db } = deps.database;
  const tasks = createCopilotTasksRepo({ db });
  const later = (ms: number) => new Date(deps.clock.now().getTime() + ms);

  const loop = startWorkerLoop({
    name: "copilot-analysis",
    concurrency: deps.database.kind === "postgres" ? 2 : 1,
    log: deps.log,
    runOnce: async () => {
      const task = await tasks.claimDue(deps.clock.now(), LEASE_MS);
      if (!task) return false;
      const lastAttempt = task.attempts >= MAX_ATTEMPTS;
      try {
        const result = await analyseInbound(deps, { workspaceId: task.workspaceId, messageId: task.messageId, lastAttempt });
        if (result === "done") await tasks.complete(task.id);
        else if (deps.clock.now().getTime() - task.createdAt.getTime() > MEDIA_WAIT_LIMIT_MS)
          await tasks.fail(task.id, "media never arrived");
        else {
          await tasks.reschedule(task.id, later(MEDIA_WAIT_MS), { error: WAITING_FOR_MEDIA, giveBackAttempt: true });
          await tasks.wakeIfMediaSettled(task.id, deps.clock.now());
        }
      } catch (error) {
        const name = error instanceof Error ? error.name : "Error";
        if (lastAttempt) {
          await tasks.fail(task.id, name);
          deps.log.error({ err: error, messageId: task.messageId }, "inbound analysis failed for good");
        } else {
          const delay = retryDelayMs(task.attempts);
          await tasks.reschedule(task.id, later(delay), { error: name });
          deps.log.warn({ err: error, messageId: task.messageId, attempt: task.attempts }, "inbound analysis failed: will retry");
          setTimeout(() => loop.kick(), delay + 5).unref();
        }
      }
      return true;
    },
  });

  const stopListening = deps.events.on((event) => {
    if (event.type !== "message.created") return;
    clearAttentionAfterReply(deps, event).catch((error: unknown) =>
      deps.log.warn({ err: error, conversationId: event.conversationId }, "could not clear the attention flag"),
    );
  });
  const purge = setInterval(() => {
    purgeExpiredAiCache(db, deps.clock.now()).catch((error: unknown) => deps.log.warn({ err: error }, "AI cache purge failed"));
  }, CACHE_PURGE_MS);
  purge.unref();

  return {
    kick: loop.kick,
    mediaSettled(workspaceId, mediaId) {
      tasks.wakeForMedia(workspaceId, mediaId, deps.clock.now()).then(
        () => loop.kick(),
        (error: unknown) => deps.log.warn({ err: error, mediaId }, "could not wake the analysis waiting for media"),
      );
    },
    async stop() {
      stopListening();
      clearInterval(purge);
      await loop.stop();
    },
  };
}
