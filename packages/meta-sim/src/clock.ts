/** Where the simulator reads the time. Injected so window and rate-limit tests move time instead of sleeping. */
export interface Clock {
  /** Milliseconds since the Unix epoch, like `Date.now()`. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Jumps to an absolute time in epoch milliseconds. */
  set(ms: number): void;
}

/**
 * Creates a {@link ManualClock}, for tests that need 24 hours to pass in a millisecond.
 *
 * @example
 * const clock = createManualClock(Date.parse("2026-05-01T12:00:00Z"));
 * const sim = await createMetaSim({ appSecret: "s", clock });
 * clock.advance(25 * 60 * 60 * 1000); // the customer-service window is now closed
 */
export function createManualClock(startMs: number = Date.now()): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
