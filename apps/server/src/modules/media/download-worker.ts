import { createHash } from "node:crypto";
import { type WhatsAppClient, WhatsAppError } from "@papo/whatsapp";
import { and, eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { Clock } from "../../clock.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db } from "../../db/client.ts";
import { messages } from "../../db/schema/messages.ts";
import type { EventBus } from "../../events/bus.ts";
import { startWorkerLoop, type WorkerLoop } from "../../jobs/worker-loop.ts";
import { type Channel, createChannelsRepo } from "../channels/repo.ts";
import { createMediaRepo } from "./repo.ts";
import type { MediaStorage } from "./storage.ts";

/** Inbound media ids stay downloadable for 7 days; retries spread over about a day, then the file is marked failed. */
const MAX_ATTEMPTS = 14;
const LEASE_MS = 5 * 60_000;
export const downloadRetryDelayMs = (attempt: number) => Math.min(3 * 3600_000, 5_000 * 2 ** Math.max(0, attempt - 1));

/**
 * Downloads inbound media through the Graph API (short-lived URL + bearer, sha256 checked), encrypts and stores it.
 * While it is pending the message is already visible, with its media marked pending. Meta unreachable → retried.
 */
export function startMediaDownloadWorker(deps: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  events: EventBus;
  log: Logger;
  storage: MediaStorage;
  clientFor: (channel: Channel) => WhatsAppClient;
  /** Backoff after a failed attempt (attempt 1, 2, …); tests shorten it. Default {@link downloadRetryDelayMs}. */
  retryDelayMs?: (attempt: number) => number;
  /** A file was stored or failed for good: analysis waiting for it (a voice note's transcript) runs now. */
  onMediaSettled?: (workspaceId: string, mediaId: string) => void;
}): WorkerLoop {
  const { db, cipher, clock, log } = deps;
  const retryDelay = deps.retryDelayMs ?? downloadRetryDelayMs;

  /** The message showing a file changed (pending → stored or failed): tell whoever renders it. */
  async function notify(workspaceId: string, mediaId: string): Promise<void> {
    try {
      const shownIn = await db
        .select({ id: messages.id, conversationId: messages.conversationId })
        .from(messages)
        .where(and(eq(messages.workspaceId, workspaceId), eq(messages.mediaId, mediaId)));
      for (const m of shownIn)
        deps.events.emit({ type: "message.updated", workspaceId, conversationId: m.conversationId, messageId: m.id });
    } catch (error) {
      log.warn({ err: error, mediaId }, "could not announce the media change");
    }
  }

  const loop = startWorkerLoop({
    name: "media-download",
    concurrency: 2,
    log,
    runOnce: async () => {
      const repo = createMediaRepo({ db, cipher });
      const record = await repo.claimDueDownload(clock.now(), LEASE_MS);
      if (!record) return false;
      const ws = record.workspaceId;
      const channel = record.channelId ? await createChannelsRepo({ db, cipher }).get(ws, record.channelId) : undefined;
      if (!channel || !record.waMediaId) {
        await repo.update(ws, record.id, { status: "failed", error: "no channel or media id to download from", nextAttemptAt: null });
        return true;
      }
      try {
        const downloaded = await deps.clientFor(channel).downloadMedia({ mediaId: record.waMediaId });
        const storageKey = await deps.storage.write({ workspaceId: ws, mediaId: record.id, data: downloaded.data });
        await repo.update(ws, record.id, {
          status: "stored",
          storageKey,
          size: downloaded.data.byteLength,
          mimeType: record.mimeType ?? downloaded.mimeType,
          // Of the bytes kept, in hex like uploads (Meta announces hex on GET and base64 in webhooks).
          sha256: createHash("sha256").update(downloaded.data).digest("hex"),
          error: null,
          nextAttemptAt: null,
        });
        log.debug({ mediaId: record.id }, "inbound media stored");
        await notify(ws, record.id);
        deps.onMediaSettled?.(ws, record.id);
        return true;
      } catch (error) {
        const retryable = !(error instanceof WhatsAppError) || error.classification.retryable;
        const message = error instanceof Error ? error.message : String(error);
        if (retryable && record.attempts < MAX_ATTEMPTS) {
          const delay = retryDelay(record.attempts);
          await repo.update(ws, record.id, { error: message, nextAttemptAt: new Date(clock.now().getTime() + delay) });
          log.warn({ mediaId: record.id, attempt: record.attempts, delayMs: delay, err: error }, "media download failed: will retry");
          // Wake up when it is due rather than at the next poll.
          setTimeout(() => loop.kick(), delay + 5).unref();
        } else {
          await repo.update(ws, record.id, { status: "failed", error: message, nextAttemptAt: null });
          log.error({ mediaId: record.id, err: error }, "media download failed for good");
          await notify(ws, record.id);
          deps.onMediaSettled?.(ws, record.id);
        }
      }
      return true;
    },
  });
  return loop;
}
