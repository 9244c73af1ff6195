import { canReplaceStatus, type DeliveryStatus, type EventError } from "@papo/whatsapp";
import type { messages } from "../../db/schema/messages.ts";
import { countryOfDigits } from "../campaigns/phone.ts";
import { loadPriceTable } from "../campaigns/pricing.ts";
import { fromMicros, PRICING_CURRENCY } from "../campaigns/pricing-defaults.ts";
import { recordBillable, recordStatusAdvance } from "../reports/facts.ts";
import { deliveryStatusOf, SEND_OUTCOME_UNKNOWN, STATUS_TIMESTAMP_COLUMN } from "./models.ts";
import type { OutboundDocument } from "./outbound.ts";
import type { MessageRow, MessagesRepo } from "./repo.ts";

export interface StatusUpdate {
  wamid: string;
  status: DeliveryStatus;
  at: Date;
  errors: EventError[];
  callbackData?: string | undefined;
  /** Meta's pricing of the message, when the status carries it (counted once per message for the cost report). */
  pricing?: { billable?: boolean | undefined; category?: string | undefined } | undefined;
  /** The recipient's WhatsApp id (digits): the country the message is priced in. */
  recipientWaId?: string | undefined;
  /** The country already derived (a parked status keeps the country, not the number). */
  recipientCountry?: string | null | undefined;
}

/** The recipient's pricing country of a status update. */
const countryOf = (update: StatusUpdate): string | null =>
  update.recipientCountry !== undefined ? update.recipientCountry : update.recipientWaId ? countryOfDigits(update.recipientWaId) : null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applies one status webhook to its message, monotonically (a late `delivered` never downgrades `read`; `failed` is
 * terminal), inside the caller's transaction. A status whose wamid is not known yet is kept and applied when it is.
 * Returns the message id it changed, if any.
 */
export async function applyStatus({
  repo,
  workspaceId,
  channelId,
  update,
}: {
  repo: MessagesRepo;
  workspaceId: string;
  channelId: string;
  update: StatusUpdate;
}): Promise<{ messageId: string; conversationId: string } | null> {
  let row = await repo.lockByWamid(workspaceId, channelId, update.wamid);
  if (!row && update.callbackData && UUID.test(update.callbackData)) {
    // The send's HTTP answer was lost (crash, timeout) but Meta echoes our message id: adopt the wamid.
    // Waiting for this lock can also mean the send worker was recording the very same wamid meanwhile (the lookup by
    // wamid could not see its uncommitted write): then the row is ours too.
    const candidate = await repo.lockById(workspaceId, update.callbackData);
    if (candidate && candidate.channelId === channelId && (candidate.waMessageId === null || candidate.waMessageId === update.wamid)) {
      if (candidate.waMessageId === null) await repo.update(workspaceId, candidate.id, { waMessageId: update.wamid });
      row = { ...candidate, waMessageId: update.wamid };
    }
  }
  if (!row) {
    await repo.addPendingStatus({
      workspaceId,
      channelId,
      wamid: update.wamid,
      callbackData: update.callbackData,
      status: update.status,
      at: update.at,
      errors: update.errors,
      // What the cost report needs when the status is applied later (the number itself is not kept).
      billableCategory: update.pricing?.billable ? (update.pricing.category ?? null) : null,
      recipientCountry: countryOf(update),
    });
    return null;
  }
  if (update.pricing?.billable && update.pricing.category && row.direction === "outbound")
    await recordPricing(repo, workspaceId, channelId, row, update);
  const set = statusChange(row, update);
  if (!set) return null;
  await repo.update(workspaceId, row.id, set);
  // Papo's "outcome unknown" guess was never counted: Meta's word on that message counts, even a failed one.
  const guessed = row.status === "failed" && row.errorCode === SEND_OUTCOME_UNKNOWN;
  if (set.status !== undefined && (set.status !== row.status || guessed))
    await recordStatusAdvance(repo.db, {
      workspaceId,
      channelId,
      messageId: row.id,
      from: row.status,
      to: set.status,
      at: update.at,
      senderUserId: row.senderUserId,
      errorCode: set.errorCode ?? null,
      templateName: row.type === "template" ? await templateNameOf(repo, workspaceId, row.id) : null,
      campaignId: row.campaignId,
    });
  return { messageId: row.id, conversationId: row.conversationId };
}

/**
 * Counts a billable message once (the first status that says so; Meta repeats pricing on later statuses), priced
 * with the workspace's table for the recipient's country. Prices not in USD are not added to the USD estimate.
 */
async function recordPricing(
  repo: MessagesRepo,
  workspaceId: string,
  channelId: string,
  row: Pick<MessageRow, "id" | "campaignId" | "billedCategory" | "senderUserId">,
  update: StatusUpdate,
): Promise<void> {
  const category = update.pricing?.category;
  if (row.billedCategory !== null || !category) return;
  const country = countryOf(update);
  const price = (await loadPriceTable(repo.db, workspaceId))(country, category);
  await recordBillable(repo.db, {
    workspaceId,
    channelId,
    messageId: row.id,
    category: category.toLowerCase(),
    country,
    priceUsd: price && price.currency === PRICING_CURRENCY ? fromMicros(price.priceMicros) : 0,
    campaignId: row.campaignId,
    agentId: row.senderUserId,
    at: update.at,
  });
}

/** The template a template message sent (its stored request); null once the content was erased. */
async function templateNameOf(repo: MessagesRepo, workspaceId: string, id: string): Promise<string | null> {
  const message = await repo.get(workspaceId, id);
  const request = (message?.content as Partial<OutboundDocument> | undefined)?.request;
  return request?.type === "template" ? request.name : null;
}

/** The column changes one status brings to a message row, or null when it brings none. Pure, for the tests. */
export function statusChange(
  row: Pick<MessageRow, "status" | "errorCode" | (typeof STATUS_TIMESTAMP_COLUMN)[DeliveryStatus]>,
  update: Omit<StatusUpdate, "wamid">,
): Partial<typeof messages.$inferInsert> | null {
  const set: Partial<typeof messages.$inferInsert> = {};
  const column = STATUS_TIMESTAMP_COLUMN[update.status];
  // A local "outcome unknown" failure is a guess that any status from Meta replaces, its time included.
  const unknownOutcome = row.status === "failed" && row.errorCode === SEND_OUTCOME_UNKNOWN;
  // Even a status that cannot replace the current one tells when that step happened (a late delivered after read).
  if (row[column] === null || (unknownOutcome && column === "failedAt")) set[column] = update.at;
  if (canReplaceStatus({ current: deliveryStatusOf(row), next: update.status })) {
    set.status = update.status;
    if (update.status === "failed") {
      const error = update.errors[0];
      set.errorCode = error ? String(error.code) : "unknown";
      set.errorTitle = error?.title ?? "Failed";
      set.errorDetails = error?.details ?? error?.message ?? null;
    } else if (unknownOutcome || (row.errorCode !== null && deliveryStatusOf(row) === null)) {
      // Meta has the message: the guess, or the error of an earlier attempt that was retried, no longer applies.
      set.errorCode = null;
      set.errorTitle = null;
      set.errorDetails = null;
      if (unknownOutcome) set.failedAt = null;
    }
  }
  return Object.keys(set).length ? set : null;
}
