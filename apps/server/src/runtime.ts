import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createMetaSim, type MetaSim } from "@papo/meta-sim";
import { createWhatsAppClient, type WhatsAppClient } from "@papo/whatsapp";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { buildApp } from "./app.ts";
import { boundedStop } from "./bounded-stop.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { systemContext } from "./context.ts";
import { createFieldCipher } from "./crypto/field-cipher.ts";
import { loadIndexKey } from "./crypto/index-key.ts";
import { createKeyProvider } from "./crypto/key-provider.ts";
import type { MasterKeys } from "./crypto/master-key.ts";
import { openDatabase } from "./db/client.ts";
import { lockDataDir } from "./db/data-dir-lock.ts";
import type { Deps } from "./deps.ts";
import { createEventBus } from "./events/bus.ts";
import { createRateLimiter } from "./jobs/rate-limiter.ts";
import type { WorkerLoop } from "./jobs/worker-loop.ts";
import { createLogger } from "./logger.ts";
import { createAuditTrail } from "./modules/audit/trail.ts";
import { createTokenService } from "./modules/auth/tokens.ts";
import { startCampaignSender } from "./modules/campaigns/sender.ts";
import { type Channel, createChannelsRepo } from "./modules/channels/repo.ts";
import { createChannel } from "./modules/channels/service.ts";
import { startCopilotWorker } from "./modules/copilot/worker.ts";
import { createEncryptionKeys } from "./modules/keys/keys.ts";
import { type ReencryptJob, type ReencryptJobOptions, startReencryptJob } from "./modules/keys/reencrypt-job.ts";
import { startMediaDownloadWorker } from "./modules/media/download-worker.ts";
import { createDiskMediaStorage } from "./modules/media/storage.ts";
import { type SendWorkerDeps, startSendWorker } from "./modules/messages/send-worker.ts";
import { startRetentionJob } from "./modules/privacy/retention-service.ts";
import { type FoldWorker, startFoldWorker } from "./modules/reports/fold.ts";
import { startScheduler } from "./modules/scheduling/worker.ts";
import { startSearchBackfill } from "./modules/search/backfill.ts";
import { startTemplateSync, type TemplateSyncJob } from "./modules/templates/sync.ts";
import { createIngest } from "./modules/webhook/ingest.ts";
import { startWebhookProcessor } from "./modules/webhook/processor.ts";
import { createWebhookEventsRepo } from "./modules/webhook/repo.ts";
import { type BootstrapResult, bootstrapWorkspace } from "./modules/workspaces/bootstrap.ts";

/** How long closing waits for each part (a background job, the server, the database) to finish what it has in flight. */
const STOP_WAIT_MS = 8_000;

export interface Papo {
  app: FastifyInstance;
  deps: Deps;
  url: string;
  keys: MasterKeys;
  /** The master-key re-encryption job (absent without workers). */
  keyRotation?: ReencryptJob;
  bootstrap: BootstrapResult;
  sandbox?: { sim: MetaSim; channel: Channel };
  /** Stops taking work, finishes what is in flight, closes the server, the simulator and the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  clock?: Clock;
  /** Tests start without background workers to drive them step by step. */
  workers?: boolean;
  /** Options passed to the in-process simulator in sandbox mode (tests shorten its delays). */
  sandboxSim?: Partial<Parameters<typeof createMetaSim>[0]>;
  /** Wraps every Graph client Papo makes (tests count calls, hold an answer or alter it). */
  wrapClient?: (client: WhatsAppClient, channel: Channel) => WhatsAppClient;
  /** Send worker tuning; tests shorten the retry backoff instead of sleeping. Production keeps the worker's defaults. */
  send?: Pick<SendWorkerDeps, "retryDelayMs" | "maxAttempts">;
  /** Backoff between inbound media download attempts (tests shorten it; the default spreads retries over a day). */
  mediaRetryDelayMs?: (attempt: number) => number;
  /** Re-encryption job tuning after a master-key rotation (tests use small batches and a hook). */
  keyRotation?: ReencryptJobOptions;
  /** Where warnings about a part that did not stop in time go (default: `log`). */
  shutdownLog?: Logger;
}

/** Builds every dependency, applies migrations, bootstraps the first admin, starts the server, workers and sandbox. */
export async function startPapo(config: Readonly<Config>, options: StartOptions = {}): Promise<Papo> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  mkdirSync(config.dataDir, { recursive: true });
  const unlock = config.database.kind === "pglite" ? lockDataDir(config.dataDir) : () => {};
  // The key ring is shared by every cipher: a rotated key file switches it online (modules/keys).
  const encryptionKeys = await createEncryptionKeys({ provider: createKeyProvider(config), log });
  const keys = encryptionKeys.initial;
  const bootCipher = createFieldCipher(encryptionKeys.ring);
  const database = await openDatabase(config.database, {
    onIdleError: (error) => log.warn({ err: error }, "idle database connection lost"),
  });
  const cipher = createFieldCipher(encryptionKeys.ring, { indexKey: await loadIndexKey({ db: database.db, cipher: bootCipher }) });
  const kicks = { send: () => {}, media: () => {}, webhooks: () => {}, copilot: () => {}, campaigns: () => {} };
  const deps: Deps = {
    config,
    database,
    cipher,
    keys: encryptionKeys,
    clock,
    events: createEventBus(),
    log,
    tokens: createTokenService({ key: cipher.deriveKey("jwt"), ttlSeconds: config.auth.accessTokenTtlSeconds, clock }),
    audit: createAuditTrail({ db: database.db, cipher, clock }),
    storage: createDiskMediaStorage({ root: join(config.dataDir, "media"), cipher }),
    clientFor: (channel, clientOptions) => {
      const client = createWhatsAppClient({
        accessToken: channel.accessToken,
        phoneNumberId: channel.phoneNumberId,
        baseUrl: channel.apiUrl,
        apiVersion: channel.apiVersion,
        ...(clientOptions?.timeoutMs ? { timeoutMs: clientOptions.timeoutMs } : {}),
      });
      return options.wrapClient ? options.wrapClient(client, channel) : client;
    },
    kick: {
      send: () => kicks.send(),
      media: () => kicks.media(),
      webhooks: () => kicks.webhooks(),
      copilot: () => kicks.copilot(),
      campaigns: () => kicks.campaigns(),
    },
  };

  const bootstrap = await bootstrapWorkspace({
    db: database.db,
    adminEmail: config.admin.email,
    ...(config.admin.password ? { adminPassword: config.admin.password } : {}),
  });
  const ctx = systemContext(bootstrap.workspaceId, "boot");
  const channels = createChannelsRepo({ db: database.db, cipher });
  if (config.firstChannel && !(await channels.findByPhoneNumberId(config.firstChannel.phoneNumberId))) {
    await createChannel({
      ctx,
      deps,
      input: {
        name: "WhatsApp",
        phoneNumberId: config.firstChannel.phoneNumberId,
        wabaId: config.firstChannel.wabaId,
        accessToken: config.firstChannel.accessToken,
        ...(config.whatsapp.appSecret ? { appSecret: config.whatsapp.appSecret } : {}),
      },
    });
  }

  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `${config.tls ? "https" : "http"}://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;

  let sandbox: Papo["sandbox"];
  if (config.sandbox.enabled) sandbox = await startSandbox({ deps, ctx, port, simOptions: options.sandboxSim ?? {} });

  const workers: WorkerLoop[] = [];
  let reconcileTimer: NodeJS.Timeout | undefined;
  let retentionJob: { stop(): Promise<void> } | undefined;
  let templateSync: TemplateSyncJob | undefined;
  let reportsFold: FoldWorker | undefined;
  if (options.workers !== false) {
    // Message templates (modules/templates): read from Meta on a schedule, and at once for a template a webhook names first.
    templateSync = startTemplateSync(deps, { intervalSeconds: config.templateSyncIntervalSeconds });
    const syncJob = templateSync;
    const ingest = createIngest({
      db: database.db,
      cipher,
      clock,
      events: deps.events,
      log,
      onMediaPending: deps.kick.media,
      onAnalysisPending: deps.kick.copilot,
      globalAppSecret: config.whatsapp.appSecret,
      onTemplateUnknown: (workspaceId, wabaId) => syncJob.requestSync(workspaceId, wabaId),
    });
    const webhookEvents = createWebhookEventsRepo({ db: database.db, cipher });
    const released = await webhookEvents.releaseAbandonedClaims();
    if (released > 0) log.info({ released }, "webhook bodies left claimed by a stopped process are due again");
    const webhooks = startWebhookProcessor({
      repo: webhookEvents,
      ingest,
      clock,
      log,
      concurrency: database.kind === "postgres" ? 4 : 1,
    });
    // Inbound analysis (language, sentiment, transcripts, the bot's turn): modules/copilot.
    const copilot = startCopilotWorker(deps);
    const rateLimiter = createRateLimiter();
    const send = startSendWorker({
      db: database.db,
      cipher,
      clock,
      events: deps.events,
      log,
      rateLimiter,
      storage: deps.storage,
      clientFor: deps.clientFor,
      ...options.send,
    });
    const media = startMediaDownloadWorker({
      db: database.db,
      cipher,
      clock,
      events: deps.events,
      log,
      storage: deps.storage,
      clientFor: deps.clientFor,
      ...(options.mediaRetryDelayMs ? { retryDelayMs: options.mediaRetryDelayMs } : {}),
      onMediaSettled: (workspaceId, mediaId) => copilot.mediaSettled(workspaceId, mediaId),
    });
    kicks.webhooks = webhooks.kick;
    kicks.send = send.kick;
    kicks.media = media.kick;
    kicks.copilot = copilot.kick;
    workers.push(webhooks, send, media, copilot);
    // Scheduled messages and reminders (modules/scheduling): due items go within a second of their time.
    workers.push(startScheduler(deps));
    // Campaigns (modules/campaigns): recipients are queued at each campaign's rate.
    const campaigns = startCampaignSender(deps);
    kicks.campaigns = campaigns.kick;
    workers.push(campaigns);
    // Items stored before search existed get their blind indexes in the background (once; see search_backfill).
    workers.push(startSearchBackfill({ db: database.db, cipher, log }));
    const reconcile = () =>
      Promise.all([send.reconcileStuck(), send.applyParkedStatuses()]).catch((error: unknown) =>
        log.error({ err: error }, "send reconciliation failed"),
      );
    await reconcile();
    reconcileTimer = setInterval(reconcile, 15_000);
    reconcileTimer.unref();
    // Workspaces' retention policies (modules/privacy), where the workers run.
    retentionJob = startRetentionJob(deps, { intervalSeconds: config.retentionIntervalSeconds });
    // Report events into hourly rollups (modules/reports).
    reportsFold = startFoldWorker({ db: database.db, log, intervalSeconds: config.reportsFoldIntervalSeconds });
  }

  // Watch the key file for a rotated key; re-encrypt whatever older keys still protect, in the background.
  encryptionKeys.watch();
  const keyRotation =
    options.workers === false
      ? undefined
      : startReencryptJob({
          db: database.db,
          cipher,
          keys: encryptionKeys,
          audit: deps.audit,
          mediaRoot: join(config.dataDir, "media"),
          log,
          clock,
          ...(options.keyRotation ? { options: options.keyRotation } : {}),
        });

  // Shutdown warnings may go elsewhere than the rest (tests keep the log silent but must learn which part hung).
  const stopLog = options.shutdownLog ?? log;
  const stop = (name: string, stopping: Promise<void> | undefined, force?: () => void) =>
    boundedStop(stopLog, name, stopping, { waitMs: STOP_WAIT_MS, ...(force ? { force } : {}) });

  return {
    app,
    deps,
    url,
    keys,
    ...(keyRotation ? { keyRotation } : {}),
    bootstrap,
    ...(sandbox ? { sandbox } : {}),
    async close() {
      encryptionKeys.stop();
      if (reconcileTimer) clearInterval(reconcileTimer);
      // Each background job gets a bounded wait for the work it has in flight: a stop that never returns (a pass
      // waiting on the database or on Meta) must not hold a shutdown, and the log names it for whoever looks next.
      await Promise.all([
        stop("key rotation", keyRotation?.stop()),
        stop("retention", retentionJob?.stop()),
        stop("reports fold", reportsFold?.stop()),
        stop("template sync", templateSync?.stop()),
        ...workers.map((w, i) => stop(`worker ${i + 1} of ${workers.length}`, w.stop())),
      ]);
      // A request that never ends (a stream, a stuck handler) would hold the server's close: its connection is cut.
      await stop("http server", app.close(), () => app.server.closeAllConnections());
      await stop("sandbox simulator", sandbox?.sim.close());
      // A job given up on above may still hold a connection the pool would wait for.
      await stop("database", database.close());
      unlock();
    },
  };
}

/**
 * Sandbox mode: Meta's side runs in-process (the simulator), wired to this server's /webhook, with a channel for its
 * number. Its app secret is kept (encrypted) in that channel, so restarts reuse it.
 */
async function startSandbox({
  deps,
  ctx,
  port,
  simOptions,
}: {
  deps: Deps;
  ctx: ReturnType<typeof systemContext>;
  port: number;
  simOptions: Partial<Parameters<typeof createMetaSim>[0]>;
}): Promise<{ sim: MetaSim; channel: Channel }> {
  const repo = createChannelsRepo({ db: deps.database.db, cipher: deps.cipher });
  const existing = (await repo.list(ctx.workspaceId)).find((c) => c.sandbox);
  const appSecret = existing?.appSecret ?? randomBytes(24).toString("base64url");
  const sim = await createMetaSim({
    port: deps.config.sandbox.simPort,
    appSecret,
    webhookUrl: `${deps.config.tls ? "https" : "http"}://127.0.0.1:${port}/webhook`,
    log: (line) => deps.log.debug({ sim: line }, "meta-sim"),
    ...simOptions,
  });
  let channel: Channel;
  if (existing && existing.phoneNumberId === sim.phoneNumberId) {
    channel = (await repo.update(ctx.workspaceId, existing.id, { apiUrl: sim.url, accessToken: sim.accessToken })) ?? existing;
  } else {
    channel = await createChannel({
      ctx,
      deps,
      sandbox: true,
      input: {
        name: "Sandbox",
        phoneNumberId: sim.phoneNumberId,
        wabaId: sim.wabaId,
        displayPhoneNumber: "+55 11 95555-0000",
        accessToken: sim.accessToken,
        appSecret,
        apiUrl: sim.url,
      },
    });
  }
  return { sim, channel };
}
