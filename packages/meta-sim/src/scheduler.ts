/** Timers the simulator owns, so `close()` and `reset()` can stop every pending status, approval and retry at once. */
export interface Scheduler {
  /** Runs `task` after `ms` milliseconds unless cancelled first. */
  after(ms: number, task: () => void): void;
  /** Resolves after `ms` milliseconds, or as soon as the scheduler is cancelled. */
  sleep(ms: number): Promise<void>;
  /** Cancels every pending timer and wakes every sleeper. */
  cancelAll(): void;
  /** How many timers are still pending. */
  readonly pending: number;
}

/** Creates a {@link Scheduler} on top of Node timers. */
export function createScheduler(): Scheduler {
  const timers = new Map<NodeJS.Timeout, () => void>();

  const after = (ms: number, task: () => void): void => {
    const handle = setTimeout(
      () => {
        timers.delete(handle);
        task();
      },
      Math.max(0, ms),
    );
    // Unref: an embedding process must be able to exit once the HTTP server is closed, even with timers pending.
    handle.unref();
    timers.set(handle, () => undefined);
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const handle = setTimeout(
        () => {
          timers.delete(handle);
          resolve();
        },
        Math.max(0, ms),
      );
      handle.unref();
      timers.set(handle, resolve);
    });

  const cancelAll = (): void => {
    for (const [handle, wake] of timers) {
      clearTimeout(handle);
      wake();
    }
    timers.clear();
  };

  return {
    after,
    sleep,
    cancelAll,
    get pending() {
      return timers.size;
    },
  };
}
