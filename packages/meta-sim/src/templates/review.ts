import type { SimContext } from "../context.ts";
import type { TemplateRecord } from "../state.ts";
import { templateStatusEnvelope } from "../webhooks/payloads/templates.ts";
import { applyTemplateEvent, type TemplateReviewEvent } from "./registry.ts";

/** Applies a review outcome to a template and announces it with a `message_template_status_update` webhook. */
export function reviewTemplate(
  ctx: SimContext,
  { template, event, reason }: { template: TemplateRecord; event: TemplateReviewEvent; reason?: string },
): void {
  applyTemplateEvent(template, { event, ...(reason === undefined ? {} : { reason }) });
  ctx.delivery.enqueue({
    kind: `template:${event}`,
    payload: templateStatusEnvelope({ template, event, ...(reason === undefined ? {} : { reason }), atMs: ctx.clock.now() }),
  });
  ctx.options.log(`template ${template.name} (${template.language}) → ${event}`);
}

/** Approves a freshly created template after the configured delay, like Meta's automated review. */
export function scheduleApproval(ctx: SimContext, template: TemplateRecord): void {
  const delay = ctx.config.templateApprovalDelayMs;
  if (delay === null) return;
  ctx.scheduler.after(delay, () => {
    if (ctx.state.templates.get(template.id) === template && template.status === "PENDING")
      reviewTemplate(ctx, { template, event: "APPROVED" });
  });
}
