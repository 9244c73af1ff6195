import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import type { DomainEvent } from "../../events/bus.ts";
import { recordMessagesFailed } from "../reports/facts.ts";
import { OPTED_OUT } from "./sender-repo.ts";

/**
 * A contact withdrew marketing consent (opt-out keyword, the API, an import): their place in every marketing campaign
 * not yet finished is skipped (`opted_out`), and campaign messages still waiting in the queue are failed with
 * `papo.opted_out` instead of going out. A message already being sent (or sent) is beyond recall. Runs inside the
 * transaction that records the withdrawal, so both commit together; `emit` is called for what changed.
 */
export async function onMarketingWithdrawn(
  tx: DbOrTx,
  workspaceId: string,
  contactId: string,
  { at, emit }: { at: Date; emit?: (event: DomainEvent) => void },
): Promise<{ skipped: number; failed: number }> {
  const marketingCampaigns = sql`select id from campaigns
    where workspace_id = ${workspaceId} and template_category = 'MARKETING' and status in ('scheduled', 'running', 'paused')`;
  const skipped = await queryRows<{ campaign_id: string }>(
    tx,
    sql`update campaign_recipients set status = 'skipped', skip_reason = 'opted_out'
        where workspace_id = ${workspaceId} and contact_id = ${contactId} and status = 'pending'
          and campaign_id in (${marketingCampaigns})
        returning campaign_id`,
  );
  const failed = await queryRows<{ id: string; conversation_id: string; campaign_id: string }>(
    tx,
    sql`update messages set status = 'failed', failed_at = ${at.toISOString()}::timestamptz, error_code = ${OPTED_OUT},
          error_title = 'Contact opted out of marketing', error_details = null, next_attempt_at = null,
          updated_at = ${at.toISOString()}::timestamptz
        where workspace_id = ${workspaceId} and contact_id = ${contactId} and status = 'queued'
          and campaign_id in (select id from campaigns where workspace_id = ${workspaceId} and template_category = 'MARKETING')
        returning id, conversation_id, campaign_id`,
  );
  await recordMessagesFailed(
    tx,
    workspaceId,
    failed.map((m) => m.id),
    at,
  );
  if (emit) {
    for (const m of failed) emit({ type: "message.updated", workspaceId, conversationId: m.conversation_id, messageId: m.id });
    const campaignIds = new Set([...skipped.map((r) => r.campaign_id), ...failed.map((r) => r.campaign_id)]);
    for (const campaignId of campaignIds) emit({ type: "campaign.updated", workspaceId, campaignId });
  }
  return { skipped: skipped.length, failed: failed.length };
}
