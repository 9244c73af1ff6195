import { systemContext } from "../../context.ts";
import type { DbOrTx } from "../../db/client.ts";
import type { CampaignRow } from "../../db/schema/campaigns.ts";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../http/errors.ts";
import { startWorkerLoop, type WorkerLoop } from "../../jobs/worker-loop.ts";
import { createChannelsRepo } from "../channels/repo.ts";
import { readCurrentConsents } from "../consent/repo.ts";
import { type Contact, createContactsRepo } from "../contacts/repo.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import { createMessagesRepo } from "../messages/repo.ts";
import { queueMessage } from "../messages/send-service.ts";
import { bindTemplate } from "../templates/bind.ts";
import type { TemplateMapping } from "../templates/mapping.ts";
import { variablesOf } from "../templates/variables.ts";
import { limitOfTier, TIER_REFRESH_MS, templateReach, throttleUntil } from "./messaging-limit.ts";
import { loadPriceTable } from "./pricing.ts";
import { createSenderRepo, type PendingRecipient } from "./sender-repo.ts";

/** Synced template states Meta will not send: the campaign pauses (`template_unavailable`) rather than fail every message. */
const UNSENDABLE_TEMPLATE_STATUSES = new Set(["PAUSED", "DISABLED", "DELETED", "PENDING_DELETION", "ARCHIVED", "REJECTED"]);
/** Progress events while sending, per campaign (transitions are always announced). */
const PROGRESS_EVENT_MS = 1_000;
const ACTOR = "campaign-sender";
/** Parallel recipient transactions per campaign on PostgreSQL. */
const SENDER_LANES = 4;

type Outcome =
  | { kind: "none" }
  | { kind: "queued"; messageId: string; costMicros: number; created: boolean }
  | { kind: "skipped" }
  | { kind: "budget" }
  | { kind: "limit" };

export interface CampaignSender extends WorkerLoop {
  /** One pass over due and running campaigns (tests and the bench drive it without waiting for the poll). */
  runOnce(): Promise<boolean>;
}

/**
 * Sends running campaigns: per campaign, at its rate, takes the next pending recipients and, for each, re-checks
 * marketing consent, the budget cap and the number's messaging limit, binds the template and queues the message with
 * the idempotency key `campaign:<recipient id>` — in one transaction with the recipient's update, so a crash at any
 * point neither loses nor repeats a recipient. The send worker then paces the messages at the campaign's rate.
 */
export function startCampaignSender(deps: Deps, { pollMs = 500 }: { pollMs?: number } = {}): CampaignSender {
  const { cipher, clock, events, log } = deps;
  const db = deps.database.db;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const lastProgress = new Map<string, number>();
  const tierReadAt = new Map<string, number>();
  const tierSeenFor = new Set<string>();

  const announce = (campaign: Pick<CampaignRow, "workspaceId" | "id">, progress = false) => {
    const now = clock.now().getTime();
    if (progress && now - (lastProgress.get(campaign.id) ?? 0) < PROGRESS_EVENT_MS) return;
    lastProgress.set(campaign.id, now);
    events.emit({ type: "campaign.updated", workspaceId: campaign.workspaceId, campaignId: campaign.id });
  };

  /** Whole tokens of the campaign's bucket (at most one second's worth), taken. */
  const takeTokens = (campaign: CampaignRow): number => {
    const now = clock.now().getTime();
    const rate = Math.max(1, campaign.ratePerSecond);
    const bucket = buckets.get(campaign.id) ?? { tokens: rate, at: now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    buckets.set(campaign.id, bucket);
    const whole = Math.floor(bucket.tokens);
    bucket.tokens -= whole;
    return whole;
  };
  const giveBack = (campaignId: string, unused: number) => {
    const bucket = buckets.get(campaignId);
    if (bucket && unused > 0) bucket.tokens += unused;
  };

  const pause = async (campaign: CampaignRow, reason: string) => {
    const repo = createSenderRepo({ db, cipher });
    if (
      await repo.transition(campaign.workspaceId, campaign.id, ["running"], {
        status: "paused",
        pausedReason: reason,
        updatedAt: clock.now(),
      })
    ) {
      log.info({ campaignId: campaign.id, reason }, "campaign paused by the sender");
      announce(campaign);
    }
  };

  /** The number's messaging-limit tier from Meta, at a campaign's first pass and hourly per channel. */
  async function refreshTier(campaign: CampaignRow): Promise<string | null | undefined> {
    const repo = createSenderRepo({ db, cipher });
    const now = clock.now().getTime();
    const stale = now - (tierReadAt.get(campaign.channelId) ?? 0) > TIER_REFRESH_MS;
    if (stale || !tierSeenFor.has(campaign.id)) {
      tierSeenFor.add(campaign.id);
      tierReadAt.set(campaign.channelId, now);
      try {
        const channel = await createChannelsRepo({ db, cipher }).get(campaign.workspaceId, campaign.channelId);
        const info = channel ? await deps.clientFor(channel, { timeoutMs: 10_000 }).getPhoneNumber() : undefined;
        if (info?.messagingLimitTier) await repo.setChannelTier(campaign.workspaceId, campaign.channelId, info.messagingLimitTier);
      } catch (error) {
        log.warn({ err: error, channelId: campaign.channelId }, "could not read the messaging-limit tier: using the stored one");
      }
    }
    return repo.channelTier(campaign.workspaceId, campaign.channelId);
  }

  async function runCampaign(campaign: CampaignRow): Promise<boolean> {
    const ws = campaign.workspaceId;
    const repo = createSenderRepo({ db, cipher });
    const template = campaign.templateId ? await repo.template(ws, campaign.templateId) : undefined;
    if (
      !template ||
      template.deletedAt ||
      UNSENDABLE_TEMPLATE_STATUSES.has(template.status) ||
      (await repo.templateRefused(ws, campaign.id, template.syncedAt))
    ) {
      await pause(campaign, "template_unavailable");
      return true;
    }
    // Backpressure: at most about a second of the campaign's messages wait in the send queue, so a campaign never
    // builds a backlog that other conversations' messages (sent in queue order) would wait behind.
    const room = Math.max(0, Math.ceil(campaign.ratePerSecond) - (await repo.inFlight(ws, campaign.id)));
    if (room < 1) return false;
    const taken = takeTokens(campaign);
    const tokens = Math.min(taken, room);
    giveBack(campaign.id, taken - tokens);
    if (tokens < 1) return false;

    const now = clock.now();
    const limit = limitOfTier(await refreshTier(campaign));
    const reachNow = Number.isFinite(limit) ? await templateReach(db, ws, campaign.channelId, now) : { contacts: 0, oldestAt: null };
    const price = await loadPriceTable(db, ws);
    let queuedCost = campaign.budgetCapMicros === null ? 0 : await repo.queuedCostMicros(ws, campaign.id);
    let reached = reachNow.contacts;
    const mapping = repo.mappingOf(campaign);
    const variables = variablesOf(template);
    const bindable = { ...template, components: template.components, parameterFormat: template.parameterFormat };

    // Reservations are taken synchronously (between awaits) so parallel lanes never pass the cap or the limit together.
    const budget = {
      reserve: (micros: number) => {
        if (campaign.budgetCapMicros !== null && queuedCost + micros > campaign.budgetCapMicros) return false;
        queuedCost += micros;
        return true;
      },
      release: (micros: number) => {
        queuedCost -= micros;
      },
    };
    const reach = {
      reserve: () => {
        if (reached + 1 > limit) return false;
        reached++;
        return true;
      },
      release: () => {
        reached--;
      },
    };

    let used = 0;
    let progressed = false;
    let stop: "none" | "budget" | "limit" | undefined;
    const lane = async () => {
      while (used < tokens && stop === undefined) {
        used++;
        const outcome = await db.transaction((tx) =>
          processNext(tx, {
            campaign,
            template: bindable,
            mapping,
            variables,
            costOf: (country) => price(country, campaign.templateCategory)?.priceMicros ?? 0,
            budget,
            reach,
          }),
        );
        if (outcome.kind === "none" || outcome.kind === "budget" || outcome.kind === "limit") {
          used--;
          stop ??= outcome.kind;
          return;
        }
        progressed = true;
        if (outcome.kind === "queued") deps.kick.send();
        // PGlite answers without real I/O: without a turn of the event loop, the send worker and HTTP would wait for the batch.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    // PostgreSQL: recipients are locked with SKIP LOCKED, so lanes never take the same one. PGlite has one connection.
    const lanes = deps.database.kind === "postgres" ? Math.min(SENDER_LANES, tokens) : 1;
    await Promise.all(Array.from({ length: lanes }, lane));
    if (stop === "none" && !(await repo.hasPending(ws, campaign.id))) {
      const done = clock.now();
      if (await repo.transition(ws, campaign.id, ["running"], { status: "completed", completedAt: done, updatedAt: done })) {
        log.info({ campaignId: campaign.id }, "campaign completed");
        announce(campaign);
      }
    }
    if (stop === "budget") await pause(campaign, "budget");
    if (stop === "limit") {
      const until = throttleUntil(clock.now(), reachNow.oldestAt);
      await repo.transition(ws, campaign.id, ["running"], { throttledUntil: until, updatedAt: clock.now() });
      log.info({ campaignId: campaign.id, limit, until }, "messaging limit reached: campaign throttled");
      announce(campaign);
    }
    giveBack(campaign.id, tokens - used);
    if (progressed) announce(campaign, true);
    return progressed;
  }

  async function processNext(
    tx: DbOrTx,
    args: {
      campaign: CampaignRow;
      template: Parameters<typeof bindTemplate>[0]["template"];
      mapping: TemplateMapping;
      variables: ReturnType<typeof variablesOf>;
      costOf: (country: string | null) => number;
      budget: { reserve(micros: number): boolean; release(micros: number): void };
      reach: { reserve(): boolean; release(): void };
    },
  ): Promise<Outcome> {
    const { campaign } = args;
    const ws = campaign.workspaceId;
    const repo = createSenderRepo({ db: tx, cipher });
    const recipient = await repo.lockNextPending(ws, campaign.id);
    if (!recipient) return { kind: "none" };
    const skip = async (reason: string): Promise<Outcome> => {
      await repo.markSkipped(ws, recipient.id, reason);
      return { kind: "skipped" };
    };

    const contact = recipient.contactId ? await createContactsRepo({ db: tx, cipher }).get(ws, recipient.contactId) : undefined;
    if (!contact || contact.erasedAt || !(contact.waId || contact.userId)) return skip("no_whatsapp_id");
    if (campaign.templateCategory === "MARKETING") {
      // Consent is read again at the last moment: a withdrawal after launch is honoured at once.
      const consents = await readCurrentConsents(tx, ws, contact.id);
      const state = (purpose: string) => consents.find((c) => c.purpose === purpose)?.state;
      if (state("marketing") === "withdrawn" || state("service") === "withdrawn") return skip("opted_out");
      if (state("marketing") !== "granted") return skip("no_marketing_consent");
    }
    const costMicros = args.costOf(recipient.country);
    if (!args.budget.reserve(costMicros)) return { kind: "budget" };
    if (!args.reach.reserve()) {
      args.budget.release(costMicros);
      return { kind: "limit" };
    }
    let kept = false;
    try {
      const outcome = await queueFor(tx, { ...args, recipient, contact, costMicros });
      kept = outcome.kind === "queued";
      return outcome;
    } finally {
      if (!kept) {
        args.budget.release(costMicros);
        args.reach.release();
      }
    }
  }

  /** Binds and queues one recipient's message (cost and reach already reserved). */
  async function queueFor(
    tx: DbOrTx,
    args: {
      campaign: CampaignRow;
      template: Parameters<typeof bindTemplate>[0]["template"];
      mapping: TemplateMapping;
      variables: ReturnType<typeof variablesOf>;
      recipient: PendingRecipient;
      contact: Contact;
      costMicros: number;
    },
  ): Promise<Outcome> {
    const { campaign, recipient, contact, costMicros } = args;
    const ws = campaign.workspaceId;
    const repo = createSenderRepo({ db: tx, cipher });
    const skip = async (reason: string): Promise<Outcome> => {
      await repo.markSkipped(ws, recipient.id, reason);
      return { kind: "skipped" };
    };

    // Queued before a crash (the recipient not marked yet): that message is the recipient's, whatever conversation
    // the contact is in now.
    const earlier = await createMessagesRepo({ db: tx, cipher }).getByIdempotencyKey(ws, `campaign:${recipient.id}`);
    if (earlier) {
      await repo.markQueued(ws, recipient.id, { messageId: earlier.id, costMicros, queuedAt: earlier.createdAt });
      return { kind: "queued", messageId: earlier.id, costMicros, created: false };
    }

    const bound = bindTemplate({
      template: args.template,
      mapping: args.mapping,
      contact: { name: contact.name, phone: contact.phone ?? (contact.waId ? `+${contact.waId}` : null), attributes: contact.attributes },
      ...(recipient.variables ? { row: recipient.variables } : {}),
      variables: args.variables,
    });
    if (!bound.ok) return skip("missing_variables");

    const now = clock.now();
    const { conversation, opened } = await createConversationsRepo({ db: tx }).openOrReuse(ws, campaign.channelId, contact.id, now);
    let queued: Awaited<ReturnType<typeof queueMessage>>;
    try {
      queued = await queueMessage({
        ctx: systemContext(ws, ACTOR),
        conversationId: conversation.id,
        body: bound.body,
        idempotencyKey: `campaign:${recipient.id}`,
        campaignId: campaign.id,
        senderKind: "system",
        deps: { db: tx as typeof db, cipher, clock, events, audit: deps.audit, onQueued: () => {} },
      });
    } catch (error) {
      // Refused before anything was stored (Meta's limits on the bound values): this recipient cannot be sent to.
      if (error instanceof AppError) {
        log.warn({ campaignId: campaign.id, recipientId: recipient.id, code: error.code }, "campaign message refused");
        return skip("invalid_message");
      }
      throw error;
    }
    await repo.markQueued(ws, recipient.id, { messageId: queued.message.id, costMicros, queuedAt: now });
    if (opened) events.emit({ type: "conversation.updated", workspaceId: ws, conversationId: conversation.id });
    return { kind: "queued", messageId: queued.message.id, costMicros, created: queued.created };
  }

  async function runOnce(): Promise<boolean> {
    const repo = createSenderRepo({ db, cipher });
    for (const started of await repo.startDue(clock.now())) announce(started);
    let did = false;
    for (const campaign of await repo.listSendable(clock.now())) {
      try {
        if (await runCampaign(campaign)) did = true;
      } catch (error) {
        log.error({ err: error, campaignId: campaign.id }, "campaign sending failed");
      }
    }
    return did;
  }

  const loop = startWorkerLoop({ name: "campaigns", runOnce, pollMs, log });
  return { ...loop, runOnce };
}
