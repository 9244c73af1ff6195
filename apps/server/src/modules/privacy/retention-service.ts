import type { Deps } from "../../deps.ts";
import { type DeletedMedia, eraseMedia, eraseMessageContent } from "./erasure-repo.ts";
import { removeMediaFiles } from "./media-files.ts";
import { createRetentionRepo, cutoffsOf } from "./retention-repo.ts";

/** Rows per transaction: short transactions, so the inbox never waits long on the job's locks. */
export const RETENTION_BATCH = 500;

export type RetentionDeps = Pick<Deps, "database" | "cipher" | "clock" | "storage" | "audit" | "log">;

export interface RetentionRun {
  workspaceId: string;
  messages: number;
  media: number;
  bytes: number;
}

/**
 * Applies one workspace's policy now, a batch per transaction: message content older than the message window is
 * erased with the same step as a data-subject erasure (erasure-repo.ts), then media older than the media window
 * (and uploads never sent) are deleted; files go after each batch's commit. Queued or sending messages are never
 * touched. Records `retention.applied` with the counts when anything was erased.
 */
export async function applyRetentionPolicy(
  deps: RetentionDeps,
  {
    workspaceId,
    messageDays,
    mediaDays,
    batchSize = RETENTION_BATCH,
  }: {
    workspaceId: string;
    messageDays: number | null;
    mediaDays: number | null;
    batchSize?: number;
  },
): Promise<RetentionRun> {
  const { db } = deps.database;
  const at = deps.clock.now();
  const cutoffs = cutoffsOf({ messageDays, mediaDays }, at);
  const run: RetentionRun = { workspaceId, messages: 0, media: 0, bytes: 0 };
  const afterCommit = async (deleted: DeletedMedia[]) => {
    run.media += deleted.length;
    run.bytes += deleted.reduce((n, m) => n + (m.size ?? 0), 0);
    await removeMediaFiles(deps, deleted);
  };

  if (cutoffs.messages) {
    const cutoff = cutoffs.messages;
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const ids = await createRetentionRepo({ db: tx }).dueMessageIds(workspaceId, cutoff, batchSize);
        return { ids, erased: await eraseMessageContent(tx, deps.cipher, { workspaceId, messageIds: ids, at }) };
      });
      run.messages += batch.erased.messages;
      await afterCommit(batch.erased.media);
      // A batch that erased nothing (rows taken meanwhile by another process) ends the pass instead of spinning.
      if (batch.ids.length < batchSize || batch.erased.messages === 0) break;
    }
  }
  if (cutoffs.media) {
    const cutoff = cutoffs.media;
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const ids = await createRetentionRepo({ db: tx }).dueMediaIds(workspaceId, cutoff, batchSize);
        return { ids, deleted: await eraseMedia(tx, { workspaceId, mediaIds: ids, at }) };
      });
      await afterCommit(batch.deleted);
      if (batch.ids.length < batchSize || batch.deleted.length === 0) break;
    }
  }

  const repo = createRetentionRepo({ db });
  await repo.markApplied(workspaceId, at, { messages: run.messages, media: run.media });
  if (run.messages > 0 || run.media > 0)
    await deps.audit.record({
      workspaceId,
      actor: { type: "system", id: "retention" },
      action: "retention.applied",
      target: { type: "workspace", id: workspaceId },
      details: {
        messages: run.messages,
        media: run.media,
        bytes: run.bytes,
        messageDays,
        mediaDays,
        messagesBefore: cutoffs.messages?.toISOString() ?? null,
        mediaBefore: cutoffs.media?.toISOString() ?? null,
      },
    });
  return run;
}

/** Every workspace with a policy, one after the other; a workspace that fails is logged and the others still run. */
export async function applyRetention(deps: RetentionDeps, { batchSize }: { batchSize?: number } = {}): Promise<RetentionRun[]> {
  const runs: RetentionRun[] = [];
  for (const policy of await createRetentionRepo({ db: deps.database.db }).listActive()) {
    try {
      runs.push(await applyRetentionPolicy(deps, { ...policy, ...(batchSize ? { batchSize } : {}) }));
    } catch (error) {
      deps.log.error({ err: error, workspaceId: policy.workspaceId }, "retention failed for a workspace");
    }
  }
  return runs;
}

/**
 * The scheduled job: runs a few minutes after start, then every `intervalSeconds` (RETENTION_INTERVAL_SECONDS), never
 * two passes at once in this process. Several processes may run it together: rows are locked and re-checked, so each
 * message is erased once. Returns a stop function that waits for a pass in progress.
 */
export function startRetentionJob(deps: RetentionDeps, { intervalSeconds }: { intervalSeconds: number }): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = applyRetention(deps)
      .then((runs) => {
        const erased = runs.filter((r) => r.messages > 0 || r.media > 0);
        if (erased.length > 0) deps.log.info({ runs: erased }, "retention applied");
      })
      .catch((error: unknown) => deps.log.error({ err: error }, "retention pass failed"))
      .finally(() => {
        running = undefined;
      });
  };
  // The first pass a few minutes after start (not at once: a restart loop must not hammer the database).
  const first = setTimeout(tick, Math.min(intervalSeconds, 300) * 1000);
  const timer = setInterval(tick, intervalSeconds * 1000);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
