import {
  type DeliveryStatus,
  type EventError,
  type OutboundMessage,
  type SendResult,
  type WhatsAppClient,
  WhatsAppError,
  WhatsAppNetworkError,
} from "@papo/whatsapp";
import type { Logger } from "pino";
import type { Clock } from "../../clock.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db } from "../../db/client.ts";
import type { EventBus } from "../../events/bus.ts";
import type { RateLimiter } from "../../jobs/rate-limiter.ts";
import { startWorkerLoop, type WorkerLoop } from "../../jobs/worker-loop.ts";
import { CAMPAIGN_CANCELLED, CAMPAIGN_PAUSED_RECHECK_MS, createCampaignPaceLookup, OPTED_OUT } from "../campaigns/sender-repo.ts";
import { type Channel, createChannelsRepo } from "../channels/repo.ts";
import { canReceiveMarketing } from "../consent/service.ts";
import { type Contact, createContactsRepo } from "../contacts/repo.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import { createMediaRepo } from "../media/repo.ts";
import type { MediaStorage } from "../media/storage.ts";
import { recordMessagesFailed } from "../reports/facts.ts";
import { SEND_OUTCOME_UNKNOWN } from "./models.ts";
import { mediaIdsOf, type OutboundDocument, toOutboundMessage } from "./outbound.ts";
import { createMessagesRepo, type MessagesRepo } from "./repo.ts";
import { applyStatus, type StatusUpdate } from "./status-service.ts";

export interface SendWorkerDeps {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  events: EventBus;
  log: Logger;
  rateLimiter: RateLimiter;
  storage: MediaStorage;
  clientFor: (channel: Channel) => WhatsAppClient;
  /** Attempts before a retryable error becomes a failure. */
  maxAttempts?: number;
  /**
   * Wait before attempt `attempt + 1`, given Meta's suggestion for the error. Default: the suggestion doubled per
   * attempt, at most 15 minutes. Tests pass `() => 0` instead of sleeping.
   */
  retryDelayMs?: (args: { attempt: number; suggestedMs: number }) => number;
  concurrency?: number;
}

/** Exponential on top of Meta's suggestion, so a long outage does not hammer the API. */
export const defaultRetryDelayMs = ({ attempt, suggestedMs }: { attempt: number; suggestedMs: number }): number =>
  Math.min(15 * 60_000, suggestedMs * 2 ** Math.max(0, attempt - 1));

/** Meta: "more than 24 hours have passed since the customer last replied". */
const WINDOW_CLOSED_CODE = "131047";
/** Meta keeps uploaded media 30 days; re-upload a little before. */
const MEDIA_REUSE_MS = 29 * 24 * 3600 * 1000;
/** Campaign messages are spaced at this share of the campaign's rate (see paceCampaign). */
const CAMPAIGN_PACE_FACTOR = 0.98;
/** A message still `sending` after this long lost its process mid-call. */
export const STUCK_SENDING_MS = 2 * 60_000;

/** Errors where the request provably never reached Meta, so sending again cannot duplicate the message. */
function neverReachedMeta(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "UND_ERR_CONNECT_TIMEOUT") return true;
  }
  return false;
}

/**
 * Delivers queued messages: claims one (marking it `sending` first), waits for the number's rate limiter, uploads its
 * media to Meta if needed, calls the Graph API and records the wamid. Retryable errors (130429, 131056, 5xx, …) are
 * retried with backoff; others fail with Meta's code and reason. A request whose answer was lost is never resent
 * blindly: it fails as `papo.send_outcome_unknown` until a status webhook (matched by our id in
 * `biz_opaque_callback_data`) proves what happened.
 */
export function startSendWorker(
  deps: SendWorkerDeps,
): WorkerLoop & { reconcileStuck(): Promise<number>; applyParkedStatuses(): Promise<number> } {
  const { db, cipher, clock, log } = deps;
  const maxAttempts = deps.maxAttempts ?? 8;
  const retryDelayMs = deps.retryDelayMs ?? defaultRetryDelayMs;
  const campaignPace = createCampaignPaceLookup({ db, now: () => clock.now().getTime() });

  async function sendOne(): Promise<boolean> {
    const messages = createMessagesRepo({ db, cipher });
    const claimed = await messages.claimDueOutbound(clock.now());
    if (!claimed) return false;
    const ws = claimed.workspaceId;
    const message = await messages.get(ws, claimed.id);
    if (!message) return true;
    const channel = await createChannelsRepo({ db, cipher }).get(ws, message.channelId);
    const contact = await createContactsRepo({ db, cipher }).get(ws, message.contactId);
    if (!channel || !contact) {
      await fail(ws, message.id, message.conversationId, {
        code: "papo.channel_missing",
        title: "Channel or contact no longer exists",
        details: null,
      });
      return true;
    }
    const client = deps.clientFor(channel);
    const document = message.content as OutboundDocument;
    let outbound: OutboundMessage;
    try {
      const metaMedia = await uploadMedia(ws, channel, client, mediaIdsOf(document.request));
      outbound = toOutboundMessage({
        document,
        to: contact.waId ? `+${contact.waId}` : undefined,
        recipient: contact.userId ?? undefined,
        callbackData: message.id,
        resolveMedia: (id) => metaMedia.get(id) ?? id,
      });
    } catch (error) {
      await handleError({
        ws,
        id: message.id,
        conversationId: message.conversationId,
        attempts: claimed.attempts,
        error,
        requestSent: false,
      });
      return true;
    }

    // A campaign's own pace (and its pause, cancel, opt-outs) first: a held campaign message must not use the number's rate.
    const campaignRate = message.campaignId ? await paceCampaign(ws, message, claimed.attempts) : undefined;
    if (campaignRate === false) return true;
    await deps.rateLimiter.acquire(channel.id, channel.sendRatePerSecond);
    // The point of no return: from here a crash leaves the outcome unknown. Before it, the message is simply requeued.
    if (!(await messages.markSendStarted(ws, message.id, clock.now()))) {
      log.warn({ messageId: message.id }, "message no longer held by this worker (requeued meanwhile): not sending");
      return true;
    }
    // The pace above is taken before database work of varying length; this guard, right before the request, keeps any
    // one second at the campaign's rate however that work was delayed (a loaded machine put rate + 1 in a second).
    if (message.campaignId && campaignRate !== undefined) await deps.rateLimiter.admit(`campaign:${message.campaignId}`, campaignRate);
    let result: SendResult;
    try {
      result = await client.send(outbound);
    } catch (error) {
      await handleError({
        ws,
        id: message.id,
        conversationId: message.conversationId,
        attempts: claimed.attempts,
        error,
        requestSent: true,
      });
      return true;
    }
    // Meta accepted the message: from here on nothing may lead to a second send. If recording fails, the row stays
    // `sending`; the status webhooks (matched by our id in biz_opaque_callback_data) or the reconciliation settle it.
    try {
      await recordAccepted({ ws, channelId: channel.id, messageId: message.id, document, result });
      deps.events.emit({ type: "message.updated", workspaceId: ws, conversationId: message.conversationId, messageId: message.id });
    } catch (error) {
      log.error({ err: error, messageId: message.id }, "sent, but the wamid could not be recorded: not resending");
      return true;
    }
    await adoptRecipientId(ws, contact, result);
    return true;
  }

  /**
   * Records Meta's acceptance: the wamid, `accepted` unless a status webhook got here first (matched through our id in
   * `biz_opaque_callback_data`, it may already have moved the message to sent, read or failed), the statuses parked
   * while the wamid was unknown, and an agent's reaction on its target.
   */
  async function recordAccepted(args: {
    ws: string;
    channelId: string;
    messageId: string;
    document: OutboundDocument;
    result: SendResult;
  }) {
    const { ws, channelId, messageId, document, result } = args;
    await db.transaction(async (tx) => {
      const txMessages = createMessagesRepo({ db: tx, cipher });
      const row = await txMessages.lockById(ws, messageId);
      if (!row) return;
      if (row.waMessageId && row.waMessageId !== result.wamid) {
        log.warn(
          { messageId, recorded: row.waMessageId, answered: result.wamid },
          "a status webhook recorded another wamid for this message",
        );
      }
      const unknownOutcome = row.status === "failed" && row.errorCode === SEND_OUTCOME_UNKNOWN;
      const realFailure = row.status === "failed" && !unknownOutcome;
      await txMessages.update(ws, messageId, {
        waMessageId: row.waMessageId ?? result.wamid,
        nextAttemptAt: null,
        // Still ours to set only while nothing from Meta has moved it further (statuses are monotonic).
        ...(row.status === "sending" || unknownOutcome ? { status: "accepted" as const } : {}),
        ...(unknownOutcome ? { failedAt: null } : {}),
        // A retried send keeps the last retryable error until it goes through; a real failure keeps its reason.
        ...(realFailure ? {} : { errorCode: null, errorTitle: null, errorDetails: null }),
      });
      const wamid = row.waMessageId ?? result.wamid;
      // Status webhooks can beat the HTTP answer; the ones that did (without our id) were parked until now.
      for (const pending of await txMessages.takePendingStatuses(ws, channelId, wamid)) {
        await applyStatus({ repo: txMessages, workspaceId: ws, channelId, update: pendingUpdate(wamid, pending) });
      }
      const { request, targetWamid } = document;
      if (request.type === "reaction" && targetWamid) {
        await txMessages.upsertReaction({
          workspaceId: ws,
          channelId,
          reaction: { targetWamid, actor: "business", emoji: request.emoji || null, reactedAt: clock.now() },
        });
      }
    });
  }

  /**
   * Meta answers with the recipient's canonical WhatsApp id, which can differ from the number we sent to (Brazil's
   * 9th digit, Mexico's `521`). Inbound messages come from that id, so the contact takes it; unless another contact
   * already owns it, which needs a person to merge the two.
   */
  async function adoptRecipientId(ws: string, contact: Contact, result: SendResult): Promise<void> {
    const patch: { waId?: string; userId?: string } = {};
    if (result.waId && contact.waId && result.waId !== contact.waId) patch.waId = result.waId;
    if (result.userId && !contact.userId) patch.userId = result.userId;
    if (!patch.waId && !patch.userId) return;
    try {
      const contacts = createContactsRepo({ db, cipher });
      const owner = await contacts.findByWhatsApp(ws, patch);
      if (owner && owner.id !== contact.id) {
        log.warn({ contactId: contact.id, otherContactId: owner.id }, "WhatsApp answered with an id another contact has: not merged");
        return;
      }
      await contacts.update(ws, contact.id, patch);
      log.info({ contactId: contact.id, fields: Object.keys(patch) }, "contact takes WhatsApp's canonical id");
      deps.events.emit({ type: "contact.updated", workspaceId: ws, contactId: contact.id });
    } catch (error) {
      log.error({ err: error, contactId: contact.id }, "could not record WhatsApp's canonical id for the contact");
    }
  }

  async function uploadMedia(ws: string, channel: Channel, client: WhatsAppClient, ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const repo = createMediaRepo({ db, cipher });
    for (const id of ids) {
      const record = await repo.get(ws, id);
      if (!record?.storageKey) throw new Error(`media ${id} is not stored`);
      const fresh =
        record.waMediaId && record.waMediaUploadedAt && clock.now().getTime() - record.waMediaUploadedAt.getTime() < MEDIA_REUSE_MS;
      if (fresh && record.waMediaId && record.channelId === channel.id) {
        out.set(id, record.waMediaId);
        continue;
      }
      const data = await deps.storage.read({ workspaceId: ws, mediaId: id, storageKey: record.storageKey });
      const uploaded = await client.uploadMedia({
        data,
        mimeType: record.mimeType ?? "application/octet-stream",
        ...(record.filename ? { filename: record.filename } : {}),
      });
      await repo.update(ws, id, { waMediaId: uploaded.id, waMediaUploadedAt: clock.now(), channelId: channel.id });
      out.set(id, uploaded.id);
    }
    return out;
  }

  async function handleError(args: {
    ws: string;
    id: string;
    conversationId: string;
    attempts: number;
    error: unknown;
    requestSent: boolean;
  }): Promise<void> {
    const { ws, id, conversationId, attempts, error } = args;
    if (!(error instanceof WhatsAppError)) {
      log.error({ err: error, messageId: id }, "send failed unexpectedly");
      if (args.requestSent) {
        // Whatever broke, the request may have gone out: resending could duplicate it.
        await fail(ws, id, conversationId, { code: SEND_OUTCOME_UNKNOWN, title: "Send outcome unknown", details: String(error) });
        return;
      }
      await retryOrFail({
        ws,
        id,
        conversationId,
        attempts,
        delayMs: 5_000,
        code: "papo.internal_error",
        title: "Internal error",
        details: String(error),
      });
      return;
    }
    const code = error.code === undefined ? `papo.${error.type}` : String(error.code);
    if (error instanceof WhatsAppNetworkError && args.requestSent && !neverReachedMeta(error)) {
      log.warn({ messageId: id, timedOut: error.timedOut }, "send outcome unknown: not resending");
      await fail(ws, id, conversationId, { code: SEND_OUTCOME_UNKNOWN, title: "Send outcome unknown", details: error.message });
      return;
    }
    if (error.classification.retryable) {
      await retryOrFail({
        ws,
        id,
        conversationId,
        attempts,
        delayMs: error.classification.retryAfterMs ?? 5_000,
        code,
        title: error.title,
        details: error.details ?? null,
      });
      return;
    }
    await fail(ws, id, conversationId, { code, title: error.title, details: error.details ?? null });
  }

  async function retryOrFail(args: {
    ws: string;
    id: string;
    conversationId: string;
    attempts: number;
    delayMs: number;
    code: string;
    title: string;
    details: string | null;
  }): Promise<void> {
    if (args.attempts >= maxAttempts) {
      const details = `Gave up after ${args.attempts} attempts${args.details ? `: ${args.details}` : ""}`;
      await fail(args.ws, args.id, args.conversationId, { code: args.code, title: args.title, details });
      return;
    }
    const delay = Math.max(0, retryDelayMs({ attempt: args.attempts, suggestedMs: args.delayMs }));
    const requeued = await settle(args.ws, args.id, {
      status: "queued",
      nextAttemptAt: new Date(clock.now().getTime() + delay),
      errorCode: args.code,
      errorTitle: args.title,
      errorDetails: args.details,
    });
    if (!requeued) return;
    log.info({ messageId: args.id, code: args.code, attempt: args.attempts, delayMs: delay }, "send will be retried");
    setTimeout(() => loop.kick(), delay + 5).unref();
  }

  /**
   * A campaign's messages also go out evenly at the campaign's rate, so even a backlog never exceeds it; a paused
   * campaign's messages wait (requeued, the attempt not counted), a cancelled one's are dropped. Answers the campaign's
   * rate when the message may go now, false when not.
   */
  async function paceCampaign(
    ws: string,
    message: { id: string; conversationId: string; contactId: string; campaignId: string | null },
    attempts: number,
  ): Promise<number | false> {
    if (!message.campaignId) return false;
    const campaignId = message.campaignId;
    /** Whether the message may still go: the campaign's state and the contact's consent, read now. */
    const stillSendable = async (): Promise<{ ok: true; ratePerSecond: number } | { ok: false }> => {
      const campaign = await campaignPace(ws, campaignId);
      if (campaign?.status === "cancelled") {
        await fail(ws, message.id, message.conversationId, { code: CAMPAIGN_CANCELLED, title: "Campaign cancelled", details: null });
        return { ok: false };
      }
      // An opt-out that landed while this message was claimed missed the queued-message sweep (modules/campaigns/opt-out.ts).
      if (
        campaign?.templateCategory === "MARKETING" &&
        !(await canReceiveMarketing({ db, workspaceId: ws, contactId: message.contactId }))
      ) {
        await fail(ws, message.id, message.conversationId, { code: OPTED_OUT, title: "Contact opted out of marketing", details: null });
        return { ok: false };
      }
      if (campaign?.status === "paused") {
        const at = new Date(clock.now().getTime() + CAMPAIGN_PAUSED_RECHECK_MS);
        await settle(ws, message.id, { status: "queued", nextAttemptAt: at, attempts: Math.max(0, attempts - 1) });
        setTimeout(() => loop.kick(), CAMPAIGN_PAUSED_RECHECK_MS + 5).unref();
        return { ok: false };
      }
      return { ok: true, ratePerSecond: campaign?.ratePerSecond ?? 1 };
    };
    const before = await stillSendable();
    if (!before.ok) return false;
    // 2% under the rate: network jitter between two evenly spaced sends must not put rate + 1 in one second at Meta.
    await deps.rateLimiter.acquire(`campaign:${campaignId}`, before.ratePerSecond * CAMPAIGN_PACE_FACTOR, 1);
    // The wait for the campaign's turn may be long at a low rate: a pause, cancel or opt-out meanwhile still counts.
    const after = await stillSendable();
    return after.ok ? after.ratePerSecond : false;
  }

  async function fail(ws: string, id: string, conversationId: string, error: { code: string; title: string; details: string | null }) {
    const failed = await settle(ws, id, {
      status: "failed",
      failedAt: clock.now(),
      errorCode: error.code,
      errorTitle: error.title,
      errorDetails: error.details,
      nextAttemptAt: null,
    });
    if (!failed) return;
    if (error.code === WINDOW_CLOSED_CODE) {
      // Meta is the authority on the window: end Papo's countdown so the next free-form message is refused up front.
      await createConversationsRepo({ db }).closeWindow(ws, conversationId, clock.now());
      deps.events.emit({ type: "conversation.updated", workspaceId: ws, conversationId });
    }
    deps.events.emit({ type: "message.updated", workspaceId: ws, conversationId, messageId: id });
  }

  /**
   * Ends this worker's hold on a claimed message (requeue or fail), unless a status webhook matched it through our id
   * meanwhile: then Meta has the message and its statuses tell the rest; requeueing would send it twice.
   */
  async function settle(ws: string, id: string, set: Parameters<MessagesRepo["update"]>[2]): Promise<boolean> {
    return db.transaction(async (tx) => {
      const txMessages = createMessagesRepo({ db: tx, cipher });
      const row = await txMessages.lockById(ws, id);
      if (row?.status !== "sending" || row.waMessageId !== null) {
        log.info({ messageId: id, status: row?.status }, "message settled by WhatsApp's statuses meanwhile: left as it is");
        return false;
      }
      await txMessages.update(ws, id, set);
      // Papo's own failures (refused by Meta's API, window, opt-out, retries exhausted) count like Meta's failed status.
      // An unknown outcome is a guess Meta's statuses correct: not counted.
      if (set.status === "failed" && set.errorCode !== SEND_OUTCOME_UNKNOWN)
        await recordMessagesFailed(tx, ws, [id], set.failedAt ?? clock.now());
      return true;
    });
  }

  const loop = startWorkerLoop({ name: "send", runOnce: sendOne, concurrency: deps.concurrency ?? 4, log });

  return {
    ...loop,
    /**
     * Messages left `sending` by a process that died mid-call: adopt the wamid if a status webhook with our id already
     * came (and was parked); otherwise mark the outcome unknown. Never resend: that could deliver the message twice.
     */
    async reconcileStuck(): Promise<number> {
      const messages = createMessagesRepo({ db, cipher });
      let count = 0;
      for (const stuck of await messages.listStuckSending()) {
        const ws = stuck.workspaceId;
        const settled = await db.transaction(async (tx) => {
          const txMessages = createMessagesRepo({ db: tx, cipher });
          const row = await txMessages.lockById(ws, stuck.id);
          if (row?.status !== "sending" || clock.now().getTime() - row.updatedAt.getTime() < STUCK_SENDING_MS) return undefined;
          if (row.sendStartedAt === null) {
            // The worker stopped before calling Meta (database error, crash while loading or uploading): safe to send.
            await txMessages.update(ws, row.id, { status: "queued", nextAttemptAt: clock.now() });
            log.warn({ messageId: row.id }, "stuck send had not reached Meta: requeued");
            return row;
          }
          const pending = await txMessages.findPendingByCallback(ws, stuck.id);
          if (pending && pending.channelId === row.channelId) {
            await txMessages.update(ws, row.id, { status: "accepted", waMessageId: pending.waMessageId, nextAttemptAt: null });
            for (const p of await txMessages.takePendingStatuses(ws, row.channelId, pending.waMessageId)) {
              await applyStatus({
                repo: txMessages,
                workspaceId: ws,
                channelId: row.channelId,
                update: pendingUpdate(pending.waMessageId, p),
              });
            }
            log.info({ messageId: row.id }, "stuck send reconciled from a status webhook");
          } else {
            await txMessages.update(ws, row.id, {
              status: "failed",
              failedAt: clock.now(),
              errorCode: SEND_OUTCOME_UNKNOWN,
              errorTitle: "Send outcome unknown",
              errorDetails:
                "The server stopped while sending; the message was not resent to avoid a duplicate. A status from WhatsApp will correct this.",
              nextAttemptAt: null,
            });
            log.warn({ messageId: row.id }, "stuck send marked outcome unknown: not resending");
          }
          return row;
        });
        if (!settled) continue;
        deps.events.emit({ type: "message.updated", workspaceId: ws, conversationId: settled.conversationId, messageId: settled.id });
        count++;
      }
      return count;
    },
    /**
     * Statuses parked because their message's wamid was not visible yet (a status committed in the instant the send
     * worker was recording the wamid): applied now that it is. Parked statuses for wamids Papo never sent (another app
     * on the same number) are dropped after a week.
     */
    async applyParkedStatuses(): Promise<number> {
      const repo = createMessagesRepo({ db, cipher });
      let applied = 0;
      for (const parked of await repo.listParkedStatuses()) {
        const changed = await db.transaction(async (tx) => {
          const txMessages = createMessagesRepo({ db: tx, cipher });
          const row = await txMessages.lockByWamid(parked.workspaceId, parked.channelId, parked.waMessageId);
          if (!row) return null;
          let last: Awaited<ReturnType<typeof applyStatus>> = null;
          for (const p of await txMessages.takePendingStatuses(parked.workspaceId, parked.channelId, parked.waMessageId)) {
            last =
              (await applyStatus({
                repo: txMessages,
                workspaceId: parked.workspaceId,
                channelId: parked.channelId,
                update: pendingUpdate(parked.waMessageId, p),
              })) ?? last;
          }
          return last;
        });
        if (changed) {
          deps.events.emit({ type: "message.updated", workspaceId: parked.workspaceId, ...changed });
          applied++;
        }
      }
      await repo.dropParkedStatusesBefore(new Date(clock.now().getTime() - 7 * 24 * 3600_000));
      return applied;
    },
  };
}

/** A parked status row as the update it stands for. */
function pendingUpdate(
  wamid: string,
  pending: {
    status: string;
    occurredAt: Date;
    errorsJson: string | null;
    callbackData: string | null;
    billableCategory: string | null;
    recipientCountry: string | null;
  },
): StatusUpdate {
  return {
    wamid,
    status: isDeliveryStatus(pending.status) ? pending.status : "sent",
    at: pending.occurredAt,
    errors: pending.errorsJson ? (JSON.parse(pending.errorsJson) as EventError[]) : [],
    callbackData: pending.callbackData ?? undefined,
    ...(pending.billableCategory ? { pricing: { billable: true, category: pending.billableCategory } } : {}),
    recipientCountry: pending.recipientCountry,
  };
}

const DELIVERY_STATUSES: readonly string[] = ["sent", "delivered", "read", "played", "failed"] satisfies DeliveryStatus[];
const isDeliveryStatus = (value: string): value is DeliveryStatus => DELIVERY_STATUSES.includes(value);
