import type { TemplateCategoryEvent, TemplateQualityEvent, TemplateStatusEvent } from "@papo/whatsapp";
import type { DbOrTx } from "../../db/client.ts";
import { templateQualities } from "../../db/schema/message-templates.ts";
import { createTemplatesRepo, type TemplatePatch } from "./repo.ts";

/** Statuses of a template on its way out or gone: Papo stops offering it. */
export const GONE_STATUSES: ReadonlySet<string> = new Set(["DELETED", "PENDING_DELETION"]);

export type TemplateEvent = TemplateStatusEvent | TemplateQualityEvent | TemplateCategoryEvent;

export const TEMPLATE_EVENT_KINDS: ReadonlySet<string> = new Set(["template_status", "template_quality", "template_category"]);

export const isTemplateEvent = (event: { kind: string }): event is TemplateEvent => TEMPLATE_EVENT_KINDS.has(event.kind);

/** What applying a webhook did: the template it changed, or that Papo does not know it yet and should read the WABA. */
export type TemplateEventOutcome = { changed: string } | { syncNeeded: true } | { ignored: "stale" | "no_change" };

/** Meta stamps webhooks in whole seconds: an event is older than what we know only if a full second older. */
const STALE_MARGIN_MS = 1000;

function patchOf(event: TemplateEvent, at: Date): TemplatePatch {
  switch (event.kind) {
    case "template_status":
      return {
        status: event.event,
        statusReason: event.reason ?? null,
        ...(event.category ? { category: event.category } : {}),
        ...(GONE_STATUSES.has(event.event) ? { deletedAt: at } : {}),
      };
    case "template_quality": {
      const score = event.newScore?.toUpperCase() ?? "UNKNOWN";
      return { quality: (templateQualities as readonly string[]).includes(score) ? score : "UNKNOWN" };
    }
    case "template_category":
      return event.newCategory ? { category: event.newCategory } : {};
  }
}

/**
 * Moves Papo's copy of a template as a `message_template_status_update`, `_quality_update` or
 * `template_category_update` webhook says. Runs inside the webhook's transaction. Meta may deliver webhooks late or
 * out of order, so an event older than the copy (a later webhook or a sync already read Meta) changes nothing. A
 * template Papo has not synced yet cannot be built from the event (it carries no components): the caller syncs
 * that WABA instead.
 */
export async function applyTemplateEvent(
  conn: DbOrTx,
  { workspaceId, wabaId, event, now }: { workspaceId: string; wabaId: string; event: TemplateEvent; now: Date },
): Promise<TemplateEventOutcome> {
  const repo = createTemplatesRepo({ db: conn });
  const row = await repo.findByMetaId(workspaceId, wabaId, event.templateId);
  if (!row) return { syncNeeded: true };
  const at = event.at ?? now;
  if (at.getTime() + STALE_MARGIN_MS <= row.syncedAt.getTime()) return { ignored: "stale" };
  const patch = patchOf(event, at);
  const unchanged = Object.entries(patch).every(([key, value]) => key === "deletedAt" || row[key as keyof TemplatePatch] === value);
  if (unchanged) return { ignored: "no_change" };
  const syncedAt = at.getTime() > row.syncedAt.getTime() ? at : row.syncedAt;
  await repo.patch(workspaceId, row.id, patch, { syncedAt, now });
  return { changed: row.id };
}
