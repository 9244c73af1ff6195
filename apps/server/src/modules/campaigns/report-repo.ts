import { sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { createContactsRepo } from "../contacts/repo.ts";

const ACCEPTED = sql`('accepted', 'sent', 'delivered', 'read', 'played')`;
const DELIVERED = sql`('delivered', 'read', 'played')`;
const READ = sql`('read', 'played')`;

/** Recipients without a CSV row number (filter audiences) come after numbered ones. */
const ROW_ORDER = sql`coalesce(r.row_number, 2147483647)`;
export const NO_ROW = 2_147_483_647;

/** Where a page of recipients ends: the row order and id of its last line. */
export interface RecipientCursor {
  row: number;
  id: string;
}

type Count = string | number;
const n = (value: Count | null | undefined): number => Number(value ?? 0);
const date = (value: string | Date | null): Date | null => (value === null ? null : new Date(value));

export interface ReportCounts {
  recipients: number;
  pending: number;
  queued: number;
  sending: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  replied: number;
  skipped: number;
  cancelled: number;
}

export interface RecipientLine {
  id: string;
  contactId: string | null;
  name: string | null;
  phone: string | null;
  status: string;
  skipReason: string | null;
  messageStatus: string | null;
  errorCode: string | null;
  errorTitle: string | null;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  repliedAt: Date | null;
  rowNumber: number | null;
  createdAt: Date;
}

interface RawLine {
  id: string;
  contact_id: string | null;
  phone_enc: string | null;
  status: string;
  skip_reason: string | null;
  row_number: number | null;
  created_at: string | Date;
  message_status: string | null;
  error_code: string | null;
  error_title: string | null;
  sent_at: string | Date | null;
  delivered_at: string | Date | null;
  read_at: string | Date | null;
  replied_at: string | Date | null;
}

/**
 * The campaign report's SQL: recipients joined with their messages (statuses, errors, timestamps) and the first
 * inbound message after each in the same conversation (a reply; inbound times are Meta's, in whole seconds, so "after"
 * is counted from the second the campaign message was made). Personal data (names, numbers) is decrypted here.
 */
export function createReportRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const firstReply = sql`(select min(i.created_at) from messages i
      where i.workspace_id = m.workspace_id and i.conversation_id = m.conversation_id and i.direction = 'inbound'
        and i.created_at >= date_trunc('second', m.created_at))`;

  return {
    async counts(
      workspaceId: string,
      campaignId: string,
    ): Promise<ReportCounts & { queuedCostMicros: number; deliveredCostMicros: number }> {
      const [row] = await queryRows<Record<string, Count | null>>(
        db,
        sql`select count(*) as recipients,
            count(*) filter (where r.status = 'pending') as pending,
            count(*) filter (where r.status = 'skipped') as skipped,
            count(*) filter (where r.status = 'cancelled') as cancelled,
            count(*) filter (where m.status = 'queued') as queued,
            count(*) filter (where m.status = 'sending') as sending,
            count(*) filter (where m.status in ${ACCEPTED}) as sent,
            count(*) filter (where m.status in ${DELIVERED}) as delivered,
            count(*) filter (where m.status in ${READ}) as read,
            count(*) filter (where m.status = 'failed') as failed,
            count(*) filter (where m.id is not null and ${firstReply} is not null) as replied,
            coalesce(sum(r.cost_micros) filter (where r.status = 'queued'), 0) as queued_cost,
            coalesce(sum(r.cost_micros) filter (where m.status in ${DELIVERED}), 0) as delivered_cost
          from campaign_recipients r
          left join messages m on m.id = r.message_id and m.workspace_id = r.workspace_id
          where r.workspace_id = ${workspaceId} and r.campaign_id = ${campaignId}`,
      );
      return {
        recipients: n(row?.recipients),
        pending: n(row?.pending),
        queued: n(row?.queued),
        sending: n(row?.sending),
        sent: n(row?.sent),
        delivered: n(row?.delivered),
        read: n(row?.read),
        failed: n(row?.failed),
        replied: n(row?.replied),
        skipped: n(row?.skipped),
        cancelled: n(row?.cancelled),
        queuedCostMicros: n(row?.queued_cost),
        deliveredCostMicros: n(row?.delivered_cost),
      };
    },
    async failedByCode(workspaceId: string, campaignId: string): Promise<{ code: string; title: string; count: number }[]> {
      const rows = await queryRows<{ code: string | null; title: string | null; count: Count }>(
        db,
        sql`select error_code as code, max(error_title) as title, count(*) as count from messages
            where workspace_id = ${workspaceId} and campaign_id = ${campaignId} and status = 'failed'
            group by error_code order by count(*) desc, error_code`,
      );
      return rows.map((r) => ({ code: r.code ?? "unknown", title: r.title ?? "", count: n(r.count) }));
    },
    async skippedByReason(workspaceId: string, campaignId: string): Promise<Record<string, number>> {
      const rows = await queryRows<{ reason: string | null; count: Count }>(
        db,
        sql`select skip_reason as reason, count(*) as count from campaign_recipients
            where workspace_id = ${workspaceId} and campaign_id = ${campaignId} and status = 'skipped'
            group by skip_reason`,
      );
      return Object.fromEntries(rows.map((r) => [r.reason ?? "unknown", n(r.count)]));
    },
    /** Campaign messages handed to Meta in the last minute, per second. */
    async observedRate(workspaceId: string, campaignId: string, now: Date): Promise<number> {
      const since = new Date(now.getTime() - 60_000).toISOString();
      const [row] = await queryRows<{ count: Count }>(
        db,
        sql`select count(*) as count from messages
            where workspace_id = ${workspaceId} and campaign_id = ${campaignId} and send_started_at > ${since}::timestamptz`,
      );
      return Math.round((n(row?.count) / 60) * 100) / 100;
    },
    /** A page of recipients in CSV row order (then the order of a filter audience), after the cursor. */
    async lines(
      workspaceId: string,
      campaignId: string,
      options: { status?: string | undefined; after?: RecipientCursor | undefined; limit: number },
    ): Promise<RecipientLine[]> {
      const rows = await queryRows<RawLine>(
        db,
        sql`select r.id, r.contact_id, r.phone_enc, r.status, r.skip_reason, r.row_number, r.created_at,
            m.status as message_status, m.error_code, m.error_title, m.sent_at, m.delivered_at, m.read_at,
            case when m.id is null then null else ${firstReply} end as replied_at
          from campaign_recipients r
          left join messages m on m.id = r.message_id and m.workspace_id = r.workspace_id
          where r.workspace_id = ${workspaceId} and r.campaign_id = ${campaignId}
            ${options.status ? sql`and r.status = ${options.status}` : sql``}
            ${options.after ? sql`and (${ROW_ORDER}, r.id) > (${options.after.row}, ${options.after.id}::uuid)` : sql``}
          order by ${ROW_ORDER}, r.id
          limit ${options.limit}`,
      );
      const contacts = await createContactsRepo({ db, cipher }).getMany(workspaceId, [
        ...new Set(rows.map((r) => r.contact_id).filter((id): id is string => id !== null)),
      ]);
      return rows.map((r) => {
        const contact = r.contact_id ? contacts.get(r.contact_id) : undefined;
        const csvPhone =
          r.phone_enc === null
            ? null
            : cipher.decrypt({ workspaceId, table: "campaign_recipients", column: "phone_enc", rowId: r.id }, r.phone_enc);
        return {
          id: r.id,
          contactId: r.contact_id,
          name: contact?.name ?? null,
          phone: csvPhone ?? contact?.phone ?? (contact?.waId ? `+${contact.waId}` : null),
          status: r.status,
          skipReason: r.skip_reason,
          messageStatus: r.message_status,
          errorCode: r.error_code,
          errorTitle: r.error_title,
          sentAt: date(r.sent_at),
          deliveredAt: date(r.delivered_at),
          readAt: date(r.read_at),
          repliedAt: date(r.replied_at),
          rowNumber: r.row_number,
          createdAt: new Date(r.created_at),
        };
      });
    },
  };
}
