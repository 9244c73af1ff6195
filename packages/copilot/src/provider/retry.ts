import { type ProviderError, toProviderError } from "./errors.ts";

/** The longest Retry-After we honour; a provider asking for more is treated as down so the built-in engine answers. */
export const maxRetryAfterMs = 3000;

export interface CallPolicy {
  timeoutMs: number;
  maxRetries: number;
  /** First backoff delay; doubles each retry. */
  baseDelayMs?: number;
  signal?: AbortSignal;
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs one provider call with a per-attempt timeout and retries on 429/5xx/network failures, honouring a short
 * Retry-After. We retry here rather than in the AI SDK so the delays stay short (a customer is waiting) and the
 * timeout covers each attempt.
 */
export async function callWithPolicy<T>(policy: CallPolicy, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const baseDelay = policy.baseDelayMs ?? 200;
  for (let tries = 0; ; tries++) {
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const signal = policy.signal ? AbortSignal.any([policy.signal, timeout]) : timeout;
    let failure: ProviderError;
    try {
      return await attempt(signal);
    } catch (error) {
      if (policy.signal?.aborted) throw error;
      failure = toProviderError(error, timeout.aborted);
    }
    if (!failure.retryable || tries >= policy.maxRetries) throw failure;
    const delay = failure.retryAfterMs ?? baseDelay * 2 ** tries;
    if (delay > maxRetryAfterMs) throw failure;
    await wait(delay, policy.signal);
  }
}
