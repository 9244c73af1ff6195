import type { Logger } from "pino";

export interface WorkerLoop {
  /** Wakes the loop now (new work was committed) instead of at the next poll. */
  kick(): void;
  /** Stops taking new work and waits for the runs in flight. */
  stop(): Promise<void>;
}

/**
 * Runs `runOnce` (claim one unit of work from a table and do it) in `concurrency` parallel lanes. A lane that finds
 * nothing sleeps until kicked or until `pollMs`, so committed work starts at once and work left by a crash or by
 * another node is still found.
 */
export function startWorkerLoop({
  name,
  runOnce,
  concurrency = 1,
  pollMs = 1000,
  log,
}: {
  name: string;
  /** Returns true when it did some work (so the lane immediately looks for more). */
  runOnce: () => Promise<boolean>;
  concurrency?: number;
  pollMs?: number;
  log: Logger;
}): WorkerLoop {
  let running = true;
  const sleepers = new Set<() => void>();
  // A kick that lands while no lane sleeps (all were busy or just found nothing) must not be lost.
  let kicked = false;
  const wakeAll = () => {
    kicked = sleepers.size === 0;
    for (const wake of sleepers) wake();
    sleepers.clear();
  };
  const sleep = () =>
    new Promise<void>((resolve) => {
      if (kicked) {
        kicked = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
    });

  const lane = async () => {
    while (running) {
      let didWork = false;
      try {
        didWork = await runOnce();
      } catch (error) {
        log.error({ err: error, worker: name }, "worker run failed");
      }
      if (!didWork && running) await sleep();
      // PGlite answers without real I/O: a lane with a backlog would otherwise never let HTTP requests in.
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  const lanes = Array.from({ length: concurrency }, lane);
  return {
    kick: wakeAll,
    async stop() {
      running = false;
      wakeAll();
      await Promise.all(lanes);
    },
  };
}
