import { type OutboundMessage, type WhatsAppClient, WhatsAppError, WhatsAppNetworkError } from "@papo/whatsapp";
import type { Logger } from "pino";
import type { Clock } from "../../clock.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db } from "../../db/client.ts";
import type { EventBus } from "../../events/bus.ts";
import type { RateLimiter } from "../../jobs/rate-limiter.ts";
import { startWorkerLoop, type WorkerLoop } from "../../jobs/worker-loop.ts";
import { type Channel, createChannelsRepo } from "../channels/repo.ts";
import { createContactsRepo } from "../contacts/repo.ts";
import { createMediaRepo } from "../media/repo.ts";
import type { MediaStorage } from "../media/storage.ts";
import { SEND_OUTCOME_UNKNOWN } from "./models.ts";
import { mediaIdsOf, type OutboundDocument, toOutboundMessage } from "./outbound.ts";
import { createMessagesRepo, type MessagesRepo } from "./repo.ts";
import { applyStatus } from "./status-service.ts";

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
  concurrency?: number;
}

/** Meta keeps uploaded media 30 days; re-upload a little before. */
const MEDIA_REUSE_MS = 29 * 24 * 3600 * 1000;
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
export function startSendWorker(deps: SendWorkerDeps): WorkerLoop & { reconcileStuck(): Promise<number> } {
  const { db, cipher, clock, log } = deps;
  const maxAttempts = deps.maxAttempts ?? 8;

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
      await fail(messages, ws, message.id, message.conversationId, {
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
      await handleError(messages, {
        ws,
        id: message.id,
        conversationId: message.conversationId,
        attempts: claimed.attempts,
        error,
        requestSent: false,
      });
      return true;
    }

    await deps.rateLimiter.acquire(channel.id, channel.sendRatePerSecond);
    try {
      const result = await client.send(outbound);
      await db.transaction(async (tx) => {
        const txMessages = createMessagesRepo({ db: tx, cipher });
        await txMessages.update(ws, message.id, {
          status: "accepted",
          waMessageId: result.wamid,
          errorCode: null,
          errorTitle: null,
          errorDetails: null,
          nextAttemptAt: null,
        });
        // Status webhooks can beat the HTTP answer; the ones that did were parked until now.
        for (const pending of await txMessages.takePendingStatuses(ws, channel.id, result.wamid)) {
          await applyStatus({
            repo: txMessages,
            workspaceId: ws,
            channelId: channel.id,
            update: {
              wamid: result.wamid,
              status: pending.status as "sent",
              at: pending.occurredAt,
              errors: pending.errorsJson ? JSON.parse(pending.errorsJson) : [],
            },
          });
        }
      });
      deps.events.emit({ type: "message.updated", workspaceId: ws, conversationId: message.conversationId, messageId: message.id });
    } catch (error) {
      await handleError(messages, {
        ws,
        id: message.id,
        conversationId: message.conversationId,
        attempts: claimed.attempts,
        error,
        requestSent: true,
      });
    }
    return true;
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

  async function handleError(
    messages: MessagesRepo,
    args: { ws: string; id: string; conversationId: string; attempts: number; error: unknown; requestSent: boolean },
  ): Promise<void> {
    const { ws, id, conversationId, attempts, error } = args;
    if (!(error instanceof WhatsAppError)) {
      log.error({ err: error, messageId: id }, "send failed unexpectedly");
      await retryOrFail(messages, {
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
      await fail(messages, ws, id, conversationId, { code: SEND_OUTCOME_UNKNOWN, title: "Send outcome unknown", details: error.message });
      return;
    }
    if (error.classification.retryable) {
      await retryOrFail(messages, {
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
    await fail(messages, ws, id, conversationId, { code, title: error.title, details: error.details ?? null });
  }

  async function retryOrFail(
    messages: MessagesRepo,
    args: {
      ws: string;
      id: string;
      conversationId: string;
      attempts: number;
      delayMs: number;
      code: string;
      title: string;
      details: string | null;
    },
  ): Promise<void> {
    if (args.attempts >= maxAttempts) {
      await fail(messages, args.ws, args.id, args.conversationId, { code: args.code, title: args.title, details: args.details });
      return;
    }
    // Exponential on top of Meta's suggestion, so a long outage does not hammer the API.
    const delay = Math.min(15 * 60_000, args.delayMs * 2 ** Math.max(0, args.attempts - 1));
    await messages.update(args.ws, args.id, {
      status: "queued",
      nextAttemptAt: new Date(clock.now().getTime() + delay),
      errorCode: args.code,
      errorTitle: args.title,
      errorDetails: args.details,
    });
    log.info({ messageId: args.id, code: args.code, attempt: args.attempts, delayMs: delay }, "send will be retried");
    setTimeout(() => loop.kick(), delay + 5).unref();
  }

  async function fail(
    messages: MessagesRepo,
    ws: string,
    id: string,
    conversationId: string,
    error: { code: string; title: string; details: string | null },
  ) {
    await messages.update(ws, id, {
      status: "failed",
      failedAt: clock.now(),
      errorCode: error.code,
      errorTitle: error.title,
      errorDetails: error.details,
      nextAttemptAt: null,
    });
    deps.events.emit({ type: "message.updated", workspaceId: ws, conversationId, messageId: id });
  }

  const loop = startWorkerLoop({ name: "send", runOnce: sendOne, concurrency: deps.concurrency ?? 4, log });

  return {
    ...loop,
    /**
     * Messages left `sending` by a process that died mid-call: adopt the wamid if a status webhook with our id already
     * came; otherwise mark the outcome unknown. Never resend: that could deliver the message twice.
     */
    async reconcileStuck(): Promise<number> {
      const messages = createMessagesRepo({ db, cipher });
      let count = 0;
      for (const stuck of await messages.listStuckSending()) {
        const message = await messages.get(stuck.workspaceId, stuck.id);
        if (!message || clock.now().getTime() - message.updatedAt.getTime() < STUCK_SENDING_MS) continue;
        const pending = await messages.findPendingByCallback(stuck.workspaceId, stuck.id);
        if (pending) {
          await messages.update(stuck.workspaceId, stuck.id, { status: "accepted", waMessageId: pending.waMessageId });
          await db.transaction(async (tx) => {
            const txMessages = createMessagesRepo({ db: tx, cipher });
            for (const p of await txMessages.takePendingStatuses(stuck.workspaceId, message.channelId, pending.waMessageId)) {
              await applyStatus({
                repo: txMessages,
                workspaceId: stuck.workspaceId,
                channelId: message.channelId,
                update: {
                  wamid: pending.waMessageId,
                  status: p.status as "sent",
                  at: p.occurredAt,
                  errors: p.errorsJson ? JSON.parse(p.errorsJson) : [],
                },
              });
            }
          });
        } else {
          await fail(messages, stuck.workspaceId, stuck.id, message.conversationId, {
            code: SEND_OUTCOME_UNKNOWN,
            title: "Send outcome unknown",
            details:
              "The server stopped while sending; the message was not resent to avoid a duplicate. A status from WhatsApp will correct this.",
          });
        }
        count++;
      }
      return count;
    },
  };
}
