/** The kinds of call a fault scenario can target. */
export type FaultTarget = "send" | "media_upload" | "media_download" | "templates" | "webhook";

/** Every {@link FaultTarget}, for input validation. */
export const FAULT_TARGETS: readonly FaultTarget[] = ["send", "media_upload", "media_download", "templates", "webhook"];

/**
 * One fault scenario: the next `times` calls matching `on` (and `to`, for sends) misbehave.
 * - `code` and/or `httpStatus`: the call fails with Meta's error body for `code` (default 131000 for 5xx, 100 otherwise);
 *   for `webhook`, the receiver is treated as unreachable and the delivery is retried.
 * - `delayMs` alone: the call is slow but succeeds; with a code, it is slow and then fails.
 * - `as: "status"` (sends only): the send is accepted and the error arrives later as a `failed` status webhook.
 *
 * @example
 * { on: "send", code: 131000, times: 2 }           // two transient 500s, then normal answers
 * { on: "send", code: 131049, as: "status", times: 1, to: "5511912345678" }
 * { on: "webhook", times: 3 }                      // the next three delivery attempts cannot connect
 */
export interface FaultScenario {
  on: FaultTarget;
  times: number;
  code?: number;
  httpStatus?: number;
  delayMs?: number;
  /** Only sends to this recipient (digits, `+` ignored) match. */
  to?: string;
  /** Sends only: fail in the response (default) or later through a `failed` status webhook. */
  as?: "response" | "status";
}

/** A matching scenario, taken from the book. */
export interface FaultHit {
  scenario: FaultScenario;
  /** Whether the call must fail (as opposed to only being slow). */
  fails: boolean;
  /** The Meta error code to answer with when it fails. */
  code: number;
  httpStatus?: number;
}

/** The active fault scenarios; each call that matches consumes one of a scenario's `times`. */
export interface FaultBook {
  add(scenarios: FaultScenario[]): void;
  /** Consumes and returns the first scenario matching the call, if any. */
  take(call: { on: FaultTarget; to?: string }): FaultHit | undefined;
  /** Scenarios with calls left, in match order. */
  list(): FaultScenario[];
  clear(): void;
}

const digits = (value: string): string => value.replace(/\D/g, "");

/** Creates an empty {@link FaultBook}. */
export function createFaultBook(): FaultBook {
  let scenarios: FaultScenario[] = [];
  return {
    add(next) {
      scenarios = [...scenarios, ...next.filter((s) => s.times > 0).map((s) => ({ ...s }))];
    },
    take({ on, to }) {
      const scenario = scenarios.find(
        (s) => s.on === on && s.times > 0 && (s.to === undefined || (to !== undefined && digits(s.to) === digits(to))),
      );
      if (!scenario) return undefined;
      scenario.times -= 1;
      scenarios = scenarios.filter((s) => s.times > 0);
      const fails =
        scenario.code !== undefined || scenario.httpStatus !== undefined || (on === "webhook" && scenario.delayMs === undefined);
      const code = scenario.code ?? ((scenario.httpStatus ?? 500) >= 500 ? 131000 : 100);
      return { scenario: { ...scenario }, fails, code, ...(scenario.httpStatus === undefined ? {} : { httpStatus: scenario.httpStatus }) };
    },
    list() {
      return scenarios.map((s) => ({ ...s }));
    },
    clear() {
      scenarios = [];
    },
  };
}
