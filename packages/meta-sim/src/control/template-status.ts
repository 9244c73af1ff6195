import type { SimContext } from "../context.ts";
import type { TemplateRecord } from "../state.ts";
import { TEMPLATE_REVIEW_EVENTS, type TemplateReviewEvent } from "../templates/registry.ts";
import { reviewTemplate } from "../templates/review.ts";
import { ControlInputError, oneOf, optionalString, readObject } from "./fields.ts";

/** A review decision from the control API. */
export interface TemplateStatusChange {
  event: TemplateReviewEvent;
  reason?: string;
}

/** Validates `{ event, reason? }`. */
export function parseTemplateStatusChange(input: unknown): TemplateStatusChange {
  const body = readObject(input, "");
  const event = oneOf(body, "event", TEMPLATE_REVIEW_EVENTS);
  const reason = optionalString(body, "reason");
  return { event, ...(reason === undefined ? {} : { reason }) };
}

/**
 * Applies a review decision to the template with that id, or to every translation of a template with that name
 * (handier for a person at a terminal). Returns the templates changed; none means nothing matched.
 */
export function changeTemplateStatus(
  ctx: SimContext,
  { idOrName, change }: { idOrName: string; change: TemplateStatusChange },
): TemplateRecord[] {
  const byId = ctx.state.templates.get(idOrName);
  const targets = byId ? [byId] : [...ctx.state.templates.values()].filter((t) => t.name === idOrName);
  if (targets.length === 0) throw new ControlInputError("id", `no template with id or name ${idOrName}`);
  for (const template of targets) reviewTemplate(ctx, { template, ...change });
  return targets;
}
