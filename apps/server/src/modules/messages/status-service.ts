import { canReplaceStatus, type DeliveryStatus, type EventError } from "@papo/whatsapp";
import type { messages } from "../../db/schema/messages.ts";
import { deliveryStatusOf, SEND_OUTCOME_UNKNOWN, STATUS_TIMESTAMP_COLUMN } from "./models.ts";
import type { MessageRow, MessagesRepo } from "./repo.ts";

export interface StatusUpdate {
  wamid: string;
  status: DeliveryStatus;
  at: Date;
  errors: EventError[];
  callbackData?: string | undefined;
}

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
    });
    return null;
  }
  const set = statusChange(row, update);
  if (!set) return null;
  await repo.update(workspaceId, row.id, set);
  return { messageId: row.id, conversationId: row.conversationId };
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
