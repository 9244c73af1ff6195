import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import {
  type CampaignRecipientRow,
  type CampaignRow,
  type CampaignStatus,
  campaignRecipients,
  campaigns,
} from "../../db/schema/campaigns.ts";
import { channels } from "../../db/schema/channels.ts";
import { messageTemplates } from "../../db/schema/message-templates.ts";
import type { TemplateMapping } from "../templates/mapping.ts";

/** Error code of a campaign message dropped because its campaign was cancelled before it went out. */
export const CAMPAIGN_CANCELLED = "papo.campaign_cancelled";
/** Error code of a campaign message dropped because its contact withdrew marketing consent before it went out. */
export const OPTED_OUT = "papo.opted_out";
/** How long a paused campaign's already queued message waits before the send worker looks again. */
export const CAMPAIGN_PAUSED_RECHECK_MS = 2_000;
/** Meta's "template paused / disabled / does not exist" family: the campaign cannot go on with this template. */
export const TEMPLATE_UNAVAILABLE_CODES = ["132001", "132015", "132016"] as const;

/** How long the send worker's view of a campaign is kept: a pause or a rate change may take that long to reach it. */
export const CAMPAIGN_PACE_TTL_MS = 1_000;

/**
 * The send worker's view of a campaign (status and rate), cached briefly: it is read once per message, and a pause or
 * a rate change may take that long to reach messages already queued.
 */
export function createCampaignPaceLookup({ db, now, ttlMs = CAMPAIGN_PACE_TTL_MS }: { db: Db; now: () => number; ttlMs?: number }) {
  const cache = new Map<
    string,
    { at: number; value: { status: CampaignStatus; ratePerSecond: number; templateCategory: string } | undefined }
  >();
  return async (workspaceId: string, campaignId: string) => {
    const hit = cache.get(campaignId);
    if (hit && now() - hit.at < ttlMs) return hit.value;
    const [row] = await db
      .select({ status: campaigns.status, ratePerSecond: campaigns.ratePerSecond, templateCategory: campaigns.templateCategory })
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, campaignId)));
    if (cache.size > 1_000) cache.clear();
    cache.set(campaignId, { at: now(), value: row });
    return row;
  };
}

/** A recipient with its encrypted CSV values opened. */
export interface PendingRecipient extends Omit<CampaignRecipientRow, "phoneEnc" | "variablesEnc"> {
  variables: Record<string, string> | null;
}

/** SQL of the campaign sender (modules/campaigns/sender.ts). */
export function createSenderRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, table: string, column: string, rowId: string) => ({ workspaceId, table, column, rowId });
  return {
    /** Scheduled campaigns whose start has come move to running (every node may try: the update decides). */
    async startDue(now: Date): Promise<{ id: string; workspaceId: string }[]> {
      return db
        .update(campaigns)
        .set({ status: "running", updatedAt: now })
        .where(and(eq(campaigns.status, "scheduled"), lte(campaigns.startAt, now)))
        .returning({ id: campaigns.id, workspaceId: campaigns.workspaceId });
    },
    /** Running campaigns whose messaging-limit wait is over. */
    async listSendable(now: Date): Promise<CampaignRow[]> {
      return db
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.status, "running"), or(isNull(campaigns.throttledUntil), lte(campaigns.throttledUntil, now))));
    },
    async get(workspaceId: string, id: string): Promise<CampaignRow | undefined> {
      const [row] = await db
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)));
      return row;
    },
    mappingOf(campaign: CampaignRow): TemplateMapping {
      return cipher.decryptJson<TemplateMapping>(place(campaign.workspaceId, "campaigns", "mapping_enc", campaign.id), campaign.mappingEnc);
    },
    async template(workspaceId: string, templateId: string) {
      const [row] = await db
        .select()
        .from(messageTemplates)
        .where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, templateId)));
      return row;
    },
    /**
     * Moves a campaign from one of `from` to `status` (with the fields given); false when another node or a person
     * moved it first.
     */
    async transition(
      workspaceId: string,
      id: string,
      from: CampaignStatus[],
      set: Partial<Pick<CampaignRow, "status" | "pausedReason" | "throttledUntil" | "completedAt">> & { updatedAt: Date },
    ): Promise<boolean> {
      const rows = await db
        .update(campaigns)
        .set(set)
        .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id), inArray(campaigns.status, from)))
        .returning({ id: campaigns.id });
      return rows.length === 1;
    },
    /**
     * The next pending recipient, locked for this transaction: two senders (nodes) never take the same one, and the
     * message insert and the recipient's update commit together.
     */
    async lockNextPending(workspaceId: string, campaignId: string): Promise<PendingRecipient | undefined> {
      const [row] = await db
        .select()
        .from(campaignRecipients)
        .where(
          and(
            eq(campaignRecipients.workspaceId, workspaceId),
            eq(campaignRecipients.campaignId, campaignId),
            eq(campaignRecipients.status, "pending"),
          ),
        )
        .orderBy(sql`${campaignRecipients.rowNumber} nulls last`, campaignRecipients.createdAt, campaignRecipients.id)
        .limit(1)
        .for("update", { skipLocked: true });
      if (!row) return undefined;
      const { phoneEnc: _phone, variablesEnc, ...rest } = row;
      return {
        ...rest,
        variables:
          variablesEnc === null
            ? null
            : cipher.decryptJson<Record<string, string>>(place(workspaceId, "campaign_recipients", "variables_enc", row.id), variablesEnc),
      };
    },
    async hasPending(workspaceId: string, campaignId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: campaignRecipients.id })
        .from(campaignRecipients)
        .where(
          and(
            eq(campaignRecipients.workspaceId, workspaceId),
            eq(campaignRecipients.campaignId, campaignId),
            eq(campaignRecipients.status, "pending"),
          ),
        )
        .limit(1);
      return row !== undefined;
    },
    async markSkipped(workspaceId: string, id: string, reason: string): Promise<void> {
      await db
        .update(campaignRecipients)
        .set({ status: "skipped", skipReason: reason })
        .where(
          and(eq(campaignRecipients.workspaceId, workspaceId), eq(campaignRecipients.id, id), eq(campaignRecipients.status, "pending")),
        );
    },
    async markQueued(workspaceId: string, id: string, fields: { messageId: string; costMicros: number; queuedAt: Date }): Promise<void> {
      await db
        .update(campaignRecipients)
        .set({ status: "queued", ...fields })
        .where(
          and(eq(campaignRecipients.workspaceId, workspaceId), eq(campaignRecipients.id, id), eq(campaignRecipients.status, "pending")),
        );
    },
    /** What the queued recipients cost so far (list prices), against the budget cap. */
    async queuedCostMicros(workspaceId: string, campaignId: string): Promise<number> {
      const [row] = await db
        .select({ total: sql<string | null>`sum(${campaignRecipients.costMicros})` })
        .from(campaignRecipients)
        .where(
          and(
            eq(campaignRecipients.workspaceId, workspaceId),
            eq(campaignRecipients.campaignId, campaignId),
            eq(campaignRecipients.status, "queued"),
          ),
        );
      return Number(row?.total ?? 0);
    },
    /** Whether Meta refused one of the campaign's messages because its template is paused, disabled or gone. */
    /**
     * Whether Meta refused the template for this campaign since Papo last heard it was fine: a refusal older than the
     * template's last sync or status webhook (say, re-approved) no longer pauses the campaign once resumed.
     */
    async templateRefused(workspaceId: string, campaignId: string, templateSyncedAt: Date): Promise<boolean> {
      const rows = await queryRows<{ one: number }>(
        db,
        sql`select 1 as one from messages
            where workspace_id = ${workspaceId} and campaign_id = ${campaignId} and status = 'failed'
              and failed_at > ${templateSyncedAt.toISOString()}::timestamptz
              and error_code in (${sql.join(
                TEMPLATE_UNAVAILABLE_CODES.map((c) => sql`${c}`),
                sql`, `,
              )})
            limit 1`,
      );
      return rows.length > 0;
    },
    /** The campaign's messages still in the send queue (queued or being sent): the sender's backpressure. */
    async inFlight(workspaceId: string, campaignId: string): Promise<number> {
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from messages
            where workspace_id = ${workspaceId} and campaign_id = ${campaignId} and status in ('queued', 'sending')`,
      );
      return row?.n ?? 0;
    },
    async channelTier(workspaceId: string, channelId: string): Promise<string | null | undefined> {
      const [row] = await db
        .select({ tier: channels.messagingLimitTier })
        .from(channels)
        .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
      return row?.tier;
    },
    async setChannelTier(workspaceId: string, channelId: string, tier: string): Promise<void> {
      await db
        .update(channels)
        .set({ messagingLimitTier: tier })
        .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
    },
  };
}

export type SenderRepo = ReturnType<typeof createSenderRepo>;
