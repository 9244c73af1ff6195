import { serializeLikeMeta, signPayload } from "@papo/whatsapp";
import type { WebhookRetry } from "../options.ts";
import type { FaultBook } from "../rules/faults.ts";
import type { Scheduler } from "../scheduler.ts";

/** One POST of a webhook to the receiver. */
export interface DeliveryAttempt {
  attempt: number;
  /** ISO time the attempt started (wall clock, for people reading the log). */
  at: string;
  /** The receiver's HTTP status; `null` when it could not be reached (or an injected fault said so). */
  statusCode: number | null;
  error?: string;
  durationMs: number;
}

/** Where a delivery stands. `skipped` means no webhook URL was configured. */
export type DeliveryState = "queued" | "delivered" | "failed" | "skipped";

/** A webhook and every attempt to deliver it, readable through `GET /_sim/webhooks`. */
export interface DeliveryLogEntry {
  id: number;
  url: string | null;
  /** What it carries, e.g. `message:text`, `status:delivered`, `template:APPROVED`, `raw`. */
  kind: string;
  state: DeliveryState;
  /** A repeat of an earlier delivery, sent on purpose to exercise at-least-once handling. */
  duplicateOf?: number;
  attempts: DeliveryAttempt[];
  /** The exact bytes POSTed (and signed). */
  body: string;
  signature: string;
  payload: unknown;
}

/** What a caller hands to the queue. */
export interface WebhookJob {
  kind: string;
  payload: unknown;
  /** Exact bytes to send instead of Meta-style serialisation of `payload`. */
  body?: string;
  /** Header value to send instead of the correct signature (tests of rejection). `""` omits the header. */
  signature?: string;
}

/** Live settings the queue reads on every delivery. */
export interface DeliverySettings {
  webhookUrl: string | undefined;
  webhookRetry: WebhookRetry;
  webhookTimeoutMs: number;
  duplicateDeliveries: boolean;
}

/** Signed, ordered, retried webhook delivery. */
export interface WebhookDelivery {
  /** Serialises, signs and queues a webhook for the current target; returns its log entry. */
  enqueue(job: WebhookJob): DeliveryLogEntry;
  /** Deliveries, oldest first. */
  log(): DeliveryLogEntry[];
  /** Resolves once every queue is empty (delivered, dropped after retries, or skipped). */
  idle(): Promise<void>;
  /** Drops queued deliveries and the log. */
  reset(): void;
  /** Stops for good: aborts the POST in flight and drops the rest. */
  close(): Promise<void>;
}

/** Collaborators of {@link createWebhookDelivery}. */
export interface WebhookDeliveryOptions {
  appSecret: string;
  settings: () => DeliverySettings;
  faults: FaultBook;
  scheduler: Scheduler;
  log: (line: string) => void;
  fetch?: typeof fetch;
}

const MAX_LOG_ENTRIES = 2_000;

/**
 * Creates the webhook queue. Each target URL has one FIFO queue worked by one loop, so a receiver sees webhooks in
 * the order they were produced and a retrying delivery holds back the ones behind it, as a single Meta sender
 * would. A delivery counts only when the receiver answers exactly 200 (Meta's rule); anything else is retried after
 * `baseDelayMs * 2^(attempt-1)` up to `maxAttempts`, then marked `failed`.
 */
export function createWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const { appSecret, settings, faults, scheduler, log } = options;
  const doFetch = options.fetch ?? fetch;
  let entries: DeliveryLogEntry[] = [];
  let nextId = 1;
  let generation = 0;
  let closed = false;
  const queues = new Map<string, DeliveryLogEntry[]>();
  const pumps = new Map<string, Promise<void>>();
  const inFlight = new Set<AbortController>();

  const remember = (entry: DeliveryLogEntry): void => {
    entries.push(entry);
    if (entries.length > MAX_LOG_ENTRIES) entries = entries.slice(-MAX_LOG_ENTRIES);
  };

  const post = async (entry: DeliveryLogEntry, url: string): Promise<DeliveryAttempt> => {
    const attempt = entry.attempts.length + 1;
    const startedAt = Date.now();
    const at = new Date(startedAt).toISOString();
    const fault = faults.take({ on: "webhook" });
    if (fault?.scenario.delayMs) await scheduler.sleep(fault.scenario.delayMs);
    if (fault?.fails) {
      const statusCode = fault.scenario.httpStatus ?? null;
      return {
        attempt,
        at,
        statusCode,
        error: statusCode === null ? "unreachable (injected fault)" : "injected fault",
        durationMs: Date.now() - startedAt,
      };
    }
    const controller = new AbortController();
    inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(new Error("timeout")), settings().webhookTimeoutMs);
    timer.unref();
    try {
      const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "facebookexternalua" };
      if (entry.signature !== "") headers["x-hub-signature-256"] = entry.signature;
      const response = await doFetch(url, { method: "POST", body: entry.body, headers, signal: controller.signal });
      await response.arrayBuffer().catch(() => undefined);
      return { attempt, at, statusCode: response.status, durationMs: Date.now() - startedAt };
    } catch (error) {
      const reason = controller.signal.aborted
        ? String(controller.signal.reason instanceof Error ? controller.signal.reason.message : "aborted")
        : describe(error);
      return { attempt, at, statusCode: null, error: reason, durationMs: Date.now() - startedAt };
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
  };

  const deliver = async (entry: DeliveryLogEntry, url: string, myGeneration: number): Promise<void> => {
    while (!closed && myGeneration === generation) {
      const attempt = await post(entry, url);
      if (closed || myGeneration !== generation) return;
      entry.attempts.push(attempt);
      log(`webhook #${entry.id} ${entry.kind} → ${url}: ${attempt.statusCode ?? attempt.error} (attempt ${attempt.attempt})`);
      if (attempt.statusCode === 200) {
        entry.state = "delivered";
        return;
      }
      const { maxAttempts, baseDelayMs } = settings().webhookRetry;
      if (entry.attempts.length >= maxAttempts) {
        entry.state = "failed";
        return;
      }
      await scheduler.sleep(baseDelayMs * 2 ** (entry.attempts.length - 1));
    }
  };

  const pump = async (url: string, myGeneration: number): Promise<void> => {
    const queue = queues.get(url);
    while (queue && queue.length > 0 && !closed && myGeneration === generation) {
      const entry = queue[0];
      if (!entry) break;
      await deliver(entry, url, myGeneration);
      queue.shift();
      if (entry.state === "delivered" && entry.duplicateOf === undefined && settings().duplicateDeliveries) {
        const repeat: DeliveryLogEntry = { ...entry, id: nextId++, state: "queued", attempts: [], duplicateOf: entry.id };
        remember(repeat);
        queue.unshift(repeat);
      }
    }
    if (myGeneration === generation) {
      queues.delete(url);
      pumps.delete(url);
    }
  };

  const enqueue = (job: WebhookJob): DeliveryLogEntry => {
    const body = job.body ?? serializeLikeMeta(job.payload);
    const url = settings().webhookUrl ?? null;
    const entry: DeliveryLogEntry = {
      id: nextId++,
      url,
      kind: job.kind,
      state: url === null || closed ? "skipped" : "queued",
      attempts: [],
      body,
      signature: job.signature ?? signPayload({ body, appSecret }),
      payload: job.payload,
    };
    remember(entry);
    if (entry.state === "skipped" || url === null) return entry;
    const queue = queues.get(url) ?? [];
    queues.set(url, queue);
    queue.push(entry);
    if (!pumps.has(url)) pumps.set(url, pump(url, generation));
    return entry;
  };

  const stopAll = (): void => {
    generation += 1;
    for (const controller of inFlight) controller.abort(new Error("simulator reset"));
    for (const queue of queues.values()) for (const entry of queue) if (entry.state === "queued") entry.state = "failed";
    queues.clear();
    pumps.clear();
  };

  return {
    enqueue,
    log: () => [...entries],
    async idle() {
      while (pumps.size > 0) await Promise.all([...pumps.values()]);
    },
    reset() {
      stopAll();
      entries = [];
    },
    async close() {
      const running = [...pumps.values()];
      closed = true;
      stopAll();
      await Promise.allSettled(running);
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
