import type { SimContext } from "../context.ts";
import type { OutboundRecord, OutboundStatus, WebhookErrorObject } from "../state.ts";
import { messagesEnvelope } from "../webhooks/payloads/envelope.ts";
import { buildStatus, type Conversation, type Pricing } from "../webhooks/payloads/status.ts";

/** What will happen to an accepted message. */
export type DeliveryPlan =
  | { outcome: "delivered"; pricing: Pricing; conversation?: Conversation; voice: boolean }
  /** `afterSent`: a `sent` status comes first (the message left, then bounced), as with 131026. */
  | { outcome: "failed"; error: WebhookErrorObject; afterSent: boolean; pricing?: Pricing };

interface Step {
  status: OutboundStatus;
  /** Delay from the first status. */
  offsetMs: number;
  pricing?: Pricing;
  conversation?: Conversation;
  errors?: WebhookErrorObject[];
}

function stepsOf(plan: DeliveryPlan, delays: SimContext["config"]["statusDelaysMs"]): Step[] {
  if (plan.outcome === "failed") {
    const failed: Step = { status: "failed", offsetMs: 0, errors: [plan.error] };
    if (!plan.afterSent) return [failed];
    return [
      { status: "sent", offsetMs: 0, ...(plan.pricing ? { pricing: plan.pricing } : {}) },
      { ...failed, offsetMs: delays.delivered },
    ];
  }
  const priced = { pricing: plan.pricing, ...(plan.conversation ? { conversation: plan.conversation } : {}) };
  const steps: Step[] = [
    { status: "sent", offsetMs: 0, ...priced },
    { status: "delivered", offsetMs: delays.delivered, pricing: plan.pricing },
  ];
  if (delays.read === null) return steps;
  steps.push({ status: "read", offsetMs: delays.delivered + delays.read });
  if (plan.voice) steps.push({ status: "played", offsetMs: delays.delivered + 2 * delays.read });
  return steps;
}

/** A random order that is never the original one, so "shuffled" always means "out of order". */
function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.length > 1 && copy.every((item, i) => item === items[i]) ? copy.reverse() : copy;
}

/**
 * Schedules the status webhooks of an accepted message: the first after `statusDelaysMs.sent`, each next one after
 * its own delay. With `shuffleStatuses`, all statuses are produced together (timestamps still in true order) and
 * queued in a shuffled order, which is how receivers meet `read` before `delivered` in production.
 */
export function scheduleStatuses(ctx: SimContext, { record, plan }: { record: OutboundRecord; plan: DeliveryPlan }): void {
  const phoneNumber = ctx.state.phoneNumbers.get(record.phoneNumberId);
  if (!phoneNumber) return;
  const steps = stepsOf(plan, ctx.config.statusDelaysMs);
  const emit = (step: Step, atMs: number): void => {
    record.statuses.push({ status: step.status, atMs, ...(step.errors ? { errors: step.errors } : {}) });
    const status = buildStatus({
      record,
      status: step.status,
      atMs,
      ...(step.pricing ? { pricing: step.pricing } : {}),
      ...(step.conversation ? { conversation: step.conversation } : {}),
      ...(step.errors ? { errors: step.errors } : {}),
    });
    ctx.delivery.enqueue({ kind: `status:${step.status}`, payload: messagesEnvelope({ phoneNumber, value: { statuses: [status] } }) });
  };
  if (ctx.config.shuffleStatuses) {
    ctx.scheduler.after(ctx.config.statusDelaysMs.sent, () => {
      const base = ctx.clock.now();
      for (const step of shuffled(steps)) emit(step, base + step.offsetMs);
    });
    return;
  }
  for (const step of steps) {
    ctx.scheduler.after(ctx.config.statusDelaysMs.sent + step.offsetMs, () => emit(step, ctx.clock.now()));
  }
}
