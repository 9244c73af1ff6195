import { normalizeWebhookBody, parseWebhookBody } from "@papo/whatsapp";
import type { Logger } from "pino";
import type { Clock } from "../../clock.ts";
import { startWorkerLoop, type WorkerLoop } from "../../jobs/worker-loop.ts";
import type { createIngest } from "./ingest.ts";
import type { WebhookEventsRepo } from "./repo.ts";

/**
 * How long a claimed body stays invisible to other workers. Processing a body takes milliseconds; the lease only
 * matters when a worker died holding it, so it is short. A second worker processing the same body is harmless:
 * every step is idempotent.
 */
const LEASE_MS = 15_000;
export const MAX_ATTEMPTS = 12;

/** Exponential backoff for a webhook body whose processing failed (database down, a bug): 2 s … ~1 h. */
export const retryDelayMs = (attempt: number) => Math.min(3_600_000, 2_000 * 2 ** Math.max(0, attempt - 1));

/**
 * Processes stored webhook bodies after the 200 has gone out: normalise, then apply every event. Bodies left pending
 * by a crash are found by the same loop after a restart.
 */
export function startWebhookProcessor({
  repo,
  ingest,
  clock,
  log,
  concurrency = 1,
}: {
  repo: WebhookEventsRepo;
  ingest: ReturnType<typeof createIngest>;
  clock: Clock;
  log: Logger;
  concurrency?: number;
}): WorkerLoop {
  return startWorkerLoop({
    name: "webhook-processor",
    concurrency,
    log,
    runOnce: async () => {
      const claimed = await repo.claimDue(clock.now(), LEASE_MS);
      if (!claimed) return false;
      try {
        const result = normalizeWebhookBody(claimed.body);
        if (result.ok) {
          // The position makes each event's side records idempotent when a body is processed again after a crash. One
          // failing event must not hold back the others: they are all tried; the body is retried (idempotently) while
          // any fails, and on the last attempt only the failing events are dead-lettered.
          const failures: Array<{ position: number; error: unknown }> = [];
          for (const [position, event] of result.events.entries()) {
            await ingest
              .apply(event, { webhookEventId: claimed.id, position, receivedAt: claimed.receivedAt, signedBy: claimed.signedBy })
              .catch((error: unknown) => failures.push({ position, error }));
          }
          if (failures.length > 0 && claimed.attempts < MAX_ATTEMPTS) throw failures[0]?.error;
          for (const { position, error } of failures) {
            const event = result.events[position];
            if (event)
              await ingest.deadLetter(
                event,
                { webhookEventId: claimed.id, position, receivedAt: claimed.receivedAt, signedBy: claimed.signedBy },
                error,
              );
          }
        } else {
          // Signed, valid JSON, but not an envelope: kept (the raw body stays) and visible to operators as an unknown event.
          log.warn({ webhookEventId: claimed.id, error: result.error }, "stored webhook body is not a WhatsApp envelope: kept");
          const parsed = parseWebhookBody(claimed.body);
          const issue = result.error.issues[0];
          await ingest.apply(
            {
              kind: "unknown",
              reason: `${result.error.message}${issue ? ` (${issue.path || "body"}: ${issue.message})` : ""}`,
              raw: parsed.ok ? parsed.value : claimed.body,
            },
            { webhookEventId: claimed.id, position: 0, receivedAt: claimed.receivedAt, signedBy: claimed.signedBy },
          );
        }
        await repo.markProcessed(claimed.id, clock.now());
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (claimed.attempts >= MAX_ATTEMPTS) {
          log.error({ err: error, webhookEventId: claimed.id }, "webhook processing failed for good: dead-lettered");
          await repo.markFailed(claimed.id, message);
        } else {
          log.warn({ err: error, webhookEventId: claimed.id, attempt: claimed.attempts }, "webhook processing failed: will retry");
          await repo.markRetry(claimed.id, message, new Date(clock.now().getTime() + retryDelayMs(claimed.attempts)));
        }
      }
      return true;
    },
  });
}
