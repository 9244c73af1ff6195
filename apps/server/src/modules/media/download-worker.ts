import { type WhatsAppClient, WhatsAppError } from "@papo/whatsapp";
import type { Logger } from "pino";
import type { Clock } from "../../clock.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db } from "../../db/client.ts";
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
}): WorkerLoop {
  const { db, cipher, clock, log } = deps;
  return startWorkerLoop({
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
          sha256: downloaded.sha256 ?? record.sha256,
          error: null,
          nextAttemptAt: null,
        });
        log.debug({ mediaId: record.id }, "inbound media stored");
      } catch (error) {
        const retryable = !(error instanceof WhatsAppError) || error.classification.retryable;
        const message = error instanceof Error ? error.message : String(error);
        if (retryable && record.attempts < MAX_ATTEMPTS) {
          const delay = downloadRetryDelayMs(record.attempts);
          await repo.update(ws, record.id, { error: message, nextAttemptAt: new Date(clock.now().getTime() + delay) });
          log.warn({ mediaId: record.id, attempt: record.attempts, delayMs: delay, err: error }, "media download failed: will retry");
        } else {
          await repo.update(ws, record.id, { status: "failed", error: message, nextAttemptAt: null });
          log.error({ mediaId: record.id, err: error }, "media download failed for good");
        }
      }
      return true;
    },
  });
}
