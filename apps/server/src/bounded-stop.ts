import type { Logger } from "pino";

/**
 * Waits for `stopping` at most `waitMs`. When the wait runs out, `force` (if given) is called and gets a second, equal
 * wait; whatever is still pending after that is left behind with a warning naming it. A shutdown must end even when a
 * part of it never does (a pass stuck on the database, a request that never finishes), and the log says which part.
 */
export async function boundedStop(
  log: Logger,
  name: string,
  stopping: Promise<void> | undefined,
  { waitMs, force }: { waitMs: number; force?: () => void },
): Promise<void> {
  if (!stopping) return;
  const settled = stopping.then(
    () => true,
    (error: unknown) => {
      log.warn({ err: error, part: name }, "a part of Papo failed while stopping");
      return true;
    },
  );
  if (await waitAtMost(settled, waitMs)) return;
  if (force) {
    log.warn({ part: name, waitedMs: waitMs }, "a part of Papo did not stop in time; forcing it");
    try {
      force();
    } catch (error) {
      log.warn({ err: error, part: name }, "forcing a part of Papo to stop failed");
    }
    if (await waitAtMost(settled, waitMs)) return;
  }
  log.warn({ part: name, waitedMs: force ? 2 * waitMs : waitMs }, "a part of Papo did not stop in time; closing anyway");
}

/** Waits for `promise` at most `ms`; true when it settled in time (a rejection counts as settled). */
export async function waitAtMost(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
