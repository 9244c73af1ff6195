import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { olderThan } from "../../db/keyset.ts";
import {
  type CampaignRow,
  type CampaignStatus,
  campaignRecipients,
  campaigns,
  type RecipientStatus,
  recipientStatuses,
} from "../../db/schema/campaigns.ts";
import { channels } from "../../db/schema/channels.ts";
import { media } from "../../db/schema/media.ts";
import { type MessageTemplateRow, messageTemplates } from "../../db/schema/message-templates.ts";
import type { TemplateMapping } from "../templates/mapping.ts";

/** What `audience_enc` holds. Filter values may be personal (an attribute equal to a CPF), hence encrypted. */
export type StoredAudience =
  | { kind: "filter"; tags?: string[] | undefined; anyTags?: string[] | undefined; attributes?: Record<string, string> | undefined }
  | {
      kind: "csv";
      /** The variable columns of the last upload (empty before one). */
      columns: string[];
      /** The header cells holding the name and the marketing consent, when the file had them. */
      nameColumn: string | null;
      consentColumn: string | null;
      /** Rows the last upload rejected, by reason (they count in the estimate's audience and exclusions). */
      rejected: Record<string, number>;
    };

export interface Campaign {
  id: string;
  workspaceId: string;
  channelId: string;
  name: string;
  status: CampaignStatus;
  templateId: string | null;
  templateName: string;
  templateLanguage: string;
  templateCategory: string;
  mapping: TemplateMapping;
  audience: StoredAudience;
  startAt: Date | null;
  ratePerSecond: number;
  budgetCapMicros: number | null;
  currency: string;
  estimate: Record<string, unknown> | null;
  pausedReason: string | null;
  throttledUntil: Date | null;
  createdByUserId: string | null;
  launchedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type RecipientCounts = Record<RecipientStatus, number> & { recipients: number };

export interface NewCampaign {
  channelId: string;
  name: string;
  templateId: string;
  templateName: string;
  templateLanguage: string;
  templateCategory: string;
  mapping: TemplateMapping;
  audience: StoredAudience;
  startAt: Date | null;
  ratePerSecond: number;
  budgetCapMicros: number | null;
  currency: string;
  createdByUserId: string | null;
}

export type CampaignChanges = Partial<
  Omit<NewCampaign, "createdByUserId" | "templateId"> & {
    templateId: string | null;
    status: CampaignStatus;
    estimate: Record<string, unknown> | null;
    pausedReason: string | null;
    throttledUntil: Date | null;
    launchedAt: Date | null;
    cancelledAt: Date | null;
  }
>;

/** A stored CSV row, decrypted: the number (digits) and every non-phone cell of the row (header text → value). */
export interface CsvRecipient {
  id: string;
  rowNumber: number | null;
  digits: string;
  country: string | null;
  contactId: string | null;
  cells: Record<string, string>;
}

/** A recipient row to insert (CSV upload, or a filter audience materialised at launch). */
export interface NewRecipient {
  contactId: string | null;
  waIdBidx: string;
  /** E.164 (`+5511…`): stored encrypted (CSV rows only; a contact's number stays on the contact). */
  phone?: string | undefined;
  cells?: Record<string, string> | undefined;
  rowNumber?: number | null | undefined;
  country: string | null;
  status: "pending" | "skipped";
  skipReason?: string | null | undefined;
}

const INSERT_CHUNK = 1000;

/**
 * Campaigns and their recipients. The mapping and audience are encrypted JSON (`campaigns:<column>:<id>`); a CSV
 * recipient's phone (E.164) and cells are encrypted with `campaign_recipients:<column>:<id>`; the cells (header text →
 * value, the name and consent columns included) are the `row` the sender binds the template with.
 */
export function createCampaignsRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, table: string, column: string, rowId: string) => ({ workspaceId, table, column, rowId });

  const fromRow = (row: CampaignRow): Campaign => ({
    id: row.id,
    workspaceId: row.workspaceId,
    channelId: row.channelId,
    name: row.name,
    status: row.status,
    templateId: row.templateId,
    templateName: row.templateName,
    templateLanguage: row.templateLanguage,
    templateCategory: row.templateCategory,
    mapping: cipher.decryptJson<TemplateMapping>(place(row.workspaceId, "campaigns", "mapping_enc", row.id), row.mappingEnc),
    audience: cipher.decryptJson<StoredAudience>(place(row.workspaceId, "campaigns", "audience_enc", row.id), row.audienceEnc),
    startAt: row.startAt,
    ratePerSecond: row.ratePerSecond,
    budgetCapMicros: row.budgetCapMicros,
    currency: row.currency,
    estimate: row.estimate ?? null,
    pausedReason: row.pausedReason,
    throttledUntil: row.throttledUntil,
    createdByUserId: row.createdByUserId,
    launchedAt: row.launchedAt,
    completedAt: row.completedAt,
    cancelledAt: row.cancelledAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

  const sealChanges = (workspaceId: string, id: string, changes: CampaignChanges): Partial<typeof campaigns.$inferInsert> => {
    const { mapping, audience, ...plain } = changes;
    return {
      ...plain,
      ...(mapping ? { mappingEnc: cipher.encryptJson(place(workspaceId, "campaigns", "mapping_enc", id), mapping) } : {}),
      ...(audience ? { audienceEnc: cipher.encryptJson(place(workspaceId, "campaigns", "audience_enc", id), audience) } : {}),
    };
  };

  const scoped = (workspaceId: string, id: string) => and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id));

  return {
    async insert(workspaceId: string, fields: NewCampaign, at: Date): Promise<Campaign> {
      const id = randomUUID();
      const { mapping, audience, ...plain } = fields;
      const [row] = await db
        .insert(campaigns)
        .values({
          id,
          workspaceId,
          ...plain,
          audienceKind: audience.kind,
          mappingEnc: cipher.encryptJson(place(workspaceId, "campaigns", "mapping_enc", id), mapping),
          audienceEnc: cipher.encryptJson(place(workspaceId, "campaigns", "audience_enc", id), audience),
          status: "draft",
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (!row) throw new Error("campaign insert returned no row");
      return fromRow(row);
    },

    async get(workspaceId: string, id: string, { lock = false }: { lock?: boolean } = {}): Promise<Campaign | undefined> {
      const query = db.select().from(campaigns).where(scoped(workspaceId, id));
      const [row] = lock ? await query.for("update") : await query;
      return row && fromRow(row);
    },

    /** Newest first; the cursor is the last row's (createdAt, id). */
    async list(
      workspaceId: string,
      { status, limit, before }: { status?: CampaignStatus | undefined; limit: number; before?: { at: Date; id: string } | undefined },
    ): Promise<Campaign[]> {
      const rows = await db
        .select()
        .from(campaigns)
        .where(
          and(
            eq(campaigns.workspaceId, workspaceId),
            status ? eq(campaigns.status, status) : undefined,
            olderThan(campaigns.createdAt, campaigns.id, before),
          ),
        )
        .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
        .limit(limit);
      return rows.map(fromRow);
    },

    /**
     * Changes a campaign only while its status is one of `from` (checked in the UPDATE itself, so two concurrent
     * transitions cannot both win). Undefined when it is not there or not in such a status.
     */
    async update(
      workspaceId: string,
      id: string,
      changes: CampaignChanges,
      { from, at }: { from: readonly CampaignStatus[]; at: Date },
    ): Promise<Campaign | undefined> {
      const sealed = sealChanges(workspaceId, id, changes);
      if (changes.audience) sealed.audienceKind = changes.audience.kind;
      const [row] = await db
        .update(campaigns)
        .set({ ...sealed, updatedAt: at })
        .where(and(scoped(workspaceId, id), inArray(campaigns.status, [...from])))
        .returning();
      return row && fromRow(row);
    },

    async delete(workspaceId: string, id: string, { from }: { from: readonly CampaignStatus[] }): Promise<boolean> {
      const rows = await db
        .delete(campaigns)
        .where(and(scoped(workspaceId, id), inArray(campaigns.status, [...from])))
        .returning({ id: campaigns.id });
      return rows.length > 0;
    },

    /** Recipients per status, for each campaign of `ids`. */
    async counts(workspaceId: string, ids: readonly string[]): Promise<Map<string, RecipientCounts>> {
      const out = new Map<string, RecipientCounts>();
      for (const id of ids) out.set(id, { recipients: 0, pending: 0, queued: 0, skipped: 0, cancelled: 0 });
      if (ids.length === 0) return out;
      const rows = await db
        .select({ campaignId: campaignRecipients.campaignId, status: campaignRecipients.status, n: sql<number>`count(*)::int` })
        .from(campaignRecipients)
        .where(and(eq(campaignRecipients.workspaceId, workspaceId), inArray(campaignRecipients.campaignId, [...ids])))
        .groupBy(campaignRecipients.campaignId, campaignRecipients.status);
      for (const row of rows) {
        const counts = out.get(row.campaignId);
        if (!counts || !recipientStatuses.includes(row.status)) continue;
        counts[row.status] += Number(row.n);
        counts.recipients += Number(row.n);
      }
      return out;
    },

    async deleteRecipients(workspaceId: string, campaignId: string): Promise<void> {
      await db
        .delete(campaignRecipients)
        .where(and(eq(campaignRecipients.workspaceId, workspaceId), eq(campaignRecipients.campaignId, campaignId)));
    },

    async insertRecipients(workspaceId: string, campaignId: string, recipients: readonly NewRecipient[], at: Date): Promise<void> {
      for (let start = 0; start < recipients.length; start += INSERT_CHUNK) {
        const values = recipients.slice(start, start + INSERT_CHUNK).map((r) => {
          const id = randomUUID();
          return {
            id,
            workspaceId,
            campaignId,
            contactId: r.contactId,
            waIdBidx: r.waIdBidx,
            phoneEnc: r.phone ? cipher.encrypt(place(workspaceId, "campaign_recipients", "phone_enc", id), r.phone) : null,
            variablesEnc: r.cells ? cipher.encryptJson(place(workspaceId, "campaign_recipients", "variables_enc", id), r.cells) : null,
            rowNumber: r.rowNumber ?? null,
            country: r.country,
            status: r.status,
            skipReason: r.skipReason ?? null,
            createdAt: at,
          };
        });
        await db.insert(campaignRecipients).values(values);
      }
    },

    /** The campaign's CSV rows still pending, decrypted, in file order. Rows whose number was erased are left out. */
    async csvRecipients(workspaceId: string, campaignId: string): Promise<CsvRecipient[]> {
      const rows = await db
        .select()
        .from(campaignRecipients)
        .where(
          and(
            eq(campaignRecipients.workspaceId, workspaceId),
            eq(campaignRecipients.campaignId, campaignId),
            eq(campaignRecipients.status, "pending"),
          ),
        )
        .orderBy(asc(campaignRecipients.rowNumber), asc(campaignRecipients.id));
      return rows.flatMap((row) => {
        if (!row.phoneEnc) return [];
        return [
          {
            id: row.id,
            rowNumber: row.rowNumber,
            digits: cipher.decrypt(place(workspaceId, "campaign_recipients", "phone_enc", row.id), row.phoneEnc).replace(/\D/g, ""),
            country: row.country,
            contactId: row.contactId,
            cells: openRecipientCells(cipher, row),
          },
        ];
      });
    },

    /** Launch: links CSV rows to their contacts and skips the excluded ones, in bulk (one statement per chunk). */
    async settleCsvRecipients(
      workspaceId: string,
      campaignId: string,
      settled: ReadonlyArray<{ id: string; contactId: string | null; skipReason: string | null }>,
    ): Promise<void> {
      for (let start = 0; start < settled.length; start += INSERT_CHUNK) {
        const chunk = settled.slice(start, start + INSERT_CHUNK);
        const values = sql.join(
          chunk.map((r) => sql`(${r.id}::uuid, ${r.contactId}::uuid, ${r.skipReason}::text)`),
          sql`, `,
        );
        await db.execute(sql`
          update campaign_recipients as r set
            contact_id = v.contact_id,
            status = case when v.skip_reason is null then r.status else 'skipped' end,
            skip_reason = v.skip_reason,
            -- A person who will not be messaged (and may never have become a contact): their CSV number and cells
            -- are not kept. The row stays, counted in the report by its reason.
            phone_enc = case when v.skip_reason is null then r.phone_enc else null end,
            variables_enc = case when v.skip_reason is null then r.variables_enc else null end
          from (values ${values}) as v(id, contact_id, skip_reason)
          where r.id = v.id and r.workspace_id = ${workspaceId} and r.campaign_id = ${campaignId}`);
      }
    },

    /** Cancelling: whoever was not messaged yet never will be. */
    async cancelPending(workspaceId: string, campaignId: string): Promise<number> {
      const rows = await db
        .update(campaignRecipients)
        .set({ status: "cancelled" })
        .where(
          and(
            eq(campaignRecipients.workspaceId, workspaceId),
            eq(campaignRecipients.campaignId, campaignId),
            eq(campaignRecipients.status, "pending"),
          ),
        )
        .returning({ id: campaignRecipients.id });
      return rows.length;
    },

    /** The channel with what campaigns need of it (its WABA, send rate, messaging-limit tier). */
    async channel(
      workspaceId: string,
      channelId: string,
    ): Promise<{ id: string; wabaId: string; sendRatePerSecond: number; messagingLimitTier: string | null } | undefined> {
      const [row] = await db
        .select({
          id: channels.id,
          wabaId: channels.wabaId,
          sendRatePerSecond: channels.sendRatePerSecond,
          messagingLimitTier: channels.messagingLimitTier,
        })
        .from(channels)
        .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
      return row;
    },

    /** A synced template of the WABA (not deleted at Meta). */
    async template(workspaceId: string, templateId: string, wabaId?: string): Promise<MessageTemplateRow | undefined> {
      const conditions: SQL[] = [eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, templateId)];
      if (wabaId !== undefined) conditions.push(eq(messageTemplates.wabaId, wabaId));
      const [row] = await db
        .select()
        .from(messageTemplates)
        .where(and(...conditions, isNull(messageTemplates.deletedAt)));
      return row;
    },

    async mediaExists(workspaceId: string, mediaId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: media.id })
        .from(media)
        .where(and(eq(media.workspaceId, workspaceId), eq(media.id, mediaId)));
      return Boolean(row);
    },
  };
}

export type CampaignsRepo = ReturnType<typeof createCampaignsRepo>;

/** A recipient's CSV cells (header text → value): the `row` a template is bound with. Empty for filter recipients. */
export function openRecipientCells(
  cipher: FieldCipher,
  row: { id: string; workspaceId: string; variablesEnc: string | null },
): Record<string, string> {
  if (!row.variablesEnc) return {};
  return cipher.decryptJson<Record<string, string>>(
    { workspaceId: row.workspaceId, table: "campaign_recipients", column: "variables_enc", rowId: row.id },
    row.variablesEnc,
  );
}
