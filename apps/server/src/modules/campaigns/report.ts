import type { Clock } from "../../clock.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db } from "../../db/client.ts";
import { badRequest, notFound } from "../../http/errors.ts";
import { createReportRepo, NO_ROW, type RecipientCursor, type RecipientLine, type ReportCounts } from "./report-repo.ts";
import { createSenderRepo } from "./sender-repo.ts";

interface ReportDeps {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
}

export interface CampaignReport {
  counts: ReportCounts;
  failedByCode: { code: string; title: string; count: number }[];
  skippedByReason: Record<string, number>;
  cost: { currency: string; queued: number; delivered: number };
  throttledUntil: string | null;
  pausedReason: string | null;
  startedAt: string | null;
  completedAt: string | null;
  sendRate: { configured: number; observed: number };
}

const units = (micros: number): number => Math.round(micros) / 1_000_000;

async function campaignOf(deps: ReportDeps, workspaceId: string, campaignId: string) {
  const campaign = await createSenderRepo({ db: deps.db, cipher: deps.cipher }).get(workspaceId, campaignId);
  if (!campaign) throw notFound("campaigns", campaignId);
  return campaign;
}

/** Where a campaign stands: recipients by state, messages by Meta's statuses, failures, skips, cost and pace. */
export async function campaignReport(deps: ReportDeps, workspaceId: string, campaignId: string): Promise<CampaignReport> {
  const campaign = await campaignOf(deps, workspaceId, campaignId);
  const repo = createReportRepo({ db: deps.db, cipher: deps.cipher });
  const now = deps.clock.now();
  const [{ queuedCostMicros, deliveredCostMicros, ...counts }, failedByCode, skippedByReason, observed] = await Promise.all([
    repo.counts(workspaceId, campaignId),
    repo.failedByCode(workspaceId, campaignId),
    repo.skippedByReason(workspaceId, campaignId),
    repo.observedRate(workspaceId, campaignId, now),
  ]);
  const throttled = campaign.throttledUntil && campaign.throttledUntil > now ? campaign.throttledUntil.toISOString() : null;
  return {
    counts,
    failedByCode,
    skippedByReason,
    cost: { currency: campaign.currency, queued: units(queuedCostMicros), delivered: units(deliveredCostMicros) },
    throttledUntil: campaign.status === "running" ? throttled : null,
    pausedReason: campaign.status === "paused" ? campaign.pausedReason : null,
    startedAt: campaign.launchedAt?.toISOString() ?? null,
    completedAt: campaign.completedAt?.toISOString() ?? null,
    sendRate: { configured: campaign.ratePerSecond, observed },
  };
}

export interface RecipientDto {
  id: string;
  contactId: string | null;
  name: string | null;
  phone: string | null;
  status: string;
  skipReason: string | null;
  messageStatus: string | null;
  errorCode: string | null;
  errorTitle: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  repliedAt: string | null;
  rowNumber: number | null;
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;
const toDto = ({ createdAt: _created, ...line }: RecipientLine): RecipientDto => ({
  ...line,
  sentAt: iso(line.sentAt),
  deliveredAt: iso(line.deliveredAt),
  readAt: iso(line.readAt),
  repliedAt: iso(line.repliedAt),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cursorOf = (line: RecipientLine): RecipientCursor => ({ row: line.rowNumber ?? NO_ROW, id: line.id });
const encodeRecipientCursor = (c: RecipientCursor): string => Buffer.from(`${c.row}|${c.id}`).toString("base64url");
function decodeRecipientCursor(cursor: string | undefined): RecipientCursor | undefined {
  if (!cursor) return undefined;
  const [row, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const n = Number(row);
  if (!Number.isInteger(n) || n < 0 || n > NO_ROW || !id || !UUID.test(id))
    throw badRequest("request.invalid_cursor", "cursor: not a cursor returned by this API");
  return { row: n, id };
}

/** One page of a campaign's recipients with their message's progress, in the order they were added. */
export async function campaignRecipientsPage(
  deps: ReportDeps,
  workspaceId: string,
  campaignId: string,
  query: { status?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ data: RecipientDto[]; nextCursor: string | null }> {
  await campaignOf(deps, workspaceId, campaignId);
  const lines = await createReportRepo({ db: deps.db, cipher: deps.cipher }).lines(workspaceId, campaignId, {
    status: query.status,
    after: decodeRecipientCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = lines.slice(0, query.limit);
  const last = page.at(-1);
  return { data: page.map(toDto), nextCursor: lines.length > query.limit && last ? encodeRecipientCursor(cursorOf(last)) : null };
}

export const CSV_COLUMNS = [
  "id",
  "contactId",
  "name",
  "phone",
  "status",
  "skipReason",
  "messageStatus",
  "errorCode",
  "errorTitle",
  "sentAt",
  "deliveredAt",
  "readAt",
  "repliedAt",
  "rowNumber",
] as const satisfies readonly (keyof RecipientDto)[];

/**
 * One RFC 4180 field. Text a spreadsheet would run as a formula (= + - @, and tab/CR that some treat alike) gets a
 * leading apostrophe: names and numbers come from customers and CSV uploads.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  // A phone number in E.164 (+5511…) cannot run as a formula: it stays as it is, so the export is usable as a list.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !/^\+\d{6,15}$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole recipient list as CSV lines (header first), read a page at a time; 404 before anything is streamed. */
export async function campaignRecipientsCsv(deps: ReportDeps, workspaceId: string, campaignId: string): Promise<AsyncGenerator<string>> {
  await campaignOf(deps, workspaceId, campaignId);
  return csvLines(deps, workspaceId, campaignId);
}

async function* csvLines(deps: ReportDeps, workspaceId: string, campaignId: string): AsyncGenerator<string> {
  const repo = createReportRepo({ db: deps.db, cipher: deps.cipher });
  yield `${CSV_COLUMNS.join(",")}\r\n`;
  let after: RecipientCursor | undefined;
  for (;;) {
    const lines = await repo.lines(workspaceId, campaignId, { after, limit: 1_000 });
    for (const line of lines) {
      const dto = toDto(line);
      yield `${CSV_COLUMNS.map((column) => csvCell(dto[column])).join(",")}\r\n`;
    }
    const last = lines.at(-1);
    if (!last || lines.length < 1_000) return;
    after = cursorOf(last);
  }
}
