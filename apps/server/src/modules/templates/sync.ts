import type { MessageTemplate, WhatsAppClient } from "@papo/whatsapp";
import { waitAtMost } from "../../bounded-stop.ts";
import type { Deps } from "../../deps.ts";
import { type Channel, createChannelsRepo } from "../channels/repo.ts";
import { GONE_STATUSES } from "./apply-event.ts";
import { createTemplatesRepo } from "./repo.ts";

export type TemplateSyncDeps = Pick<Deps, "database" | "cipher" | "clientFor" | "clock" | "events" | "log">;

const PAGE_SIZE = 100;
/** 250 templates per WABA is Meta's usual cap (6,000 for verified businesses): 60 pages of 100 covers both. */
const MAX_PAGES = 60;

/** Every template of a WABA, page after page; `complete` is false when the page cap cut the list short. */
async function readAll(client: WhatsAppClient, wabaId: string): Promise<{ templates: MessageTemplate[]; complete: boolean }> {
  const templates: MessageTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await client.listTemplates({ wabaId, limit: PAGE_SIZE, ...(after ? { after } : {}) });
    templates.push(...result.data);
    after = result.nextCursor;
    if (!after) return { templates, complete: true };
  }
  return { templates, complete: false };
}

export interface WabaSyncResult {
  templates: number;
  /** Ids of the templates that were added, changed or found deleted. */
  changed: string[];
}

/**
 * Reads all of a channel's WABA templates from Meta and brings Papo's copy in line: new and changed ones written,
 * ones Meta no longer lists marked deleted. Meta errors propagate (the caller decides: an API answer or a log line).
 */
export async function syncChannelTemplates(deps: TemplateSyncDeps, channel: Channel): Promise<WabaSyncResult> {
  // What Meta said is as of the start of the read (many pages can take seconds): a webhook or a creation applied
  // meanwhile is newer and is kept.
  const now = deps.clock.now();
  const { templates, complete } = await readAll(deps.clientFor(channel), channel.wabaId);
  const workspaceId = channel.workspaceId;
  const changed = await deps.database.db.transaction(async (tx) => {
    const repo = createTemplatesRepo({ db: tx });
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const template of templates) {
      // Meta may still list a deleted template for a while: for Papo it is gone.
      if (GONE_STATUSES.has(template.status)) continue;
      seen.add(template.id);
      const { row, changed } = await repo.upsertFromMeta(workspaceId, { channelId: channel.id, wabaId: channel.wabaId, template, at: now });
      if (changed) ids.push(row.id);
    }
    // Only a complete read proves a template is gone; a truncated one leaves the rest as they were.
    if (complete) ids.push(...(await repo.markMissingDeleted(workspaceId, channel.wabaId, seen, now)));
    return ids;
  });
  for (const templateId of changed) deps.events.emit({ type: "template.changed", workspaceId, templateId });
  return { templates: liveCount(templates), changed };
}

const liveCount = (templates: MessageTemplate[]): number => templates.filter((t) => !GONE_STATUSES.has(t.status)).length;

/** One channel per WABA: templates belong to the WABA, so reading it through one of its numbers is enough. */
export function onePerWaba(channels: Channel[]): Channel[] {
  const byWaba = new Map<string, Channel>();
  for (const channel of channels) {
    const key = `${channel.workspaceId}:${channel.wabaId}`;
    if (!byWaba.has(key)) byWaba.set(key, channel);
  }
  return [...byWaba.values()];
}

/** Syncs the given channels' WABAs (one read per WABA). */
export async function syncChannels(deps: TemplateSyncDeps, channels: Channel[]): Promise<{ channels: number; templates: number }> {
  let templates = 0;
  const wabas = onePerWaba(channels);
  for (const channel of wabas) templates += (await syncChannelTemplates(deps, channel)).templates;
  return { channels: wabas.length, templates };
}

export interface TemplateSyncJob {
  /** Syncs one WABA of a workspace soon (a webhook named a template Papo has not seen). Never throws. */
  requestSync(workspaceId: string, wabaId: string): void;
  stop(): Promise<void>;
}

/**
 * The background template sync: every `intervalSeconds` (0 = never) it reads every WABA of every workspace, and on
 * request it reads one WABA. One pass at a time; failures are logged and the next pass tries again.
 */
/** How long stopping waits for a pass in flight. */
const STOP_WAIT_MS = 2_000;

export function startTemplateSync(deps: TemplateSyncDeps, { intervalSeconds }: { intervalSeconds: number }): TemplateSyncJob {
  const channelsRepo = () => createChannelsRepo({ db: deps.database.db, cipher: deps.cipher });
  const requested = new Map<string, { workspaceId: string; wabaId: string }>();
  let running: Promise<void> | undefined;
  let stopped = false;

  async function syncOne(channel: Channel): Promise<void> {
    try {
      const result = await syncChannelTemplates(deps, channel);
      if (result.changed.length > 0)
        deps.log.info({ channelId: channel.id, wabaId: channel.wabaId, changed: result.changed.length }, "templates synced");
    } catch (error) {
      deps.log.warn({ err: error, channelId: channel.id, wabaId: channel.wabaId }, "template sync failed");
    }
  }

  async function pass(everything: boolean): Promise<void> {
    const all = await channelsRepo().listAllForWebhook();
    const wanted = [...requested.values()];
    requested.clear();
    const targets = onePerWaba(
      everything ? all : all.filter((c) => wanted.some((w) => w.workspaceId === c.workspaceId && w.wabaId === c.wabaId)),
    );
    for (const channel of targets) {
      if (stopped) return;
      await syncOne(channel);
    }
  }

  const run = (everything: boolean) => {
    if (running || stopped) return;
    running = pass(everything)
      .catch((error: unknown) => deps.log.error({ err: error }, "template sync pass failed"))
      .finally(() => {
        running = undefined;
        // Requests that came in during the pass.
        if (requested.size > 0 && !stopped) run(false);
      });
  };

  let first: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (intervalSeconds > 0) {
    // The first pass shortly after start, not at once: a restart loop must not hammer Meta's rate-limited API.
    first = setTimeout(() => run(true), Math.min(intervalSeconds, 60) * 1000);
    timer = setInterval(() => run(true), intervalSeconds * 1000);
    first.unref();
    timer.unref();
  }

  return {
    requestSync(workspaceId, wabaId) {
      if (stopped) return;
      requested.set(`${workspaceId}:${wabaId}`, { workspaceId, wabaId });
      run(false);
    },
    async stop() {
      stopped = true;
      if (first) clearTimeout(first);
      if (timer) clearInterval(timer);
      // A pass stops between channels; one channel's read may wait on a slow Graph API for its whole timeout, which
      // must not hold a shutdown (the pass's own errors are caught and logged).
      if (running) await waitAtMost(running, STOP_WAIT_MS);
    },
  };
}
