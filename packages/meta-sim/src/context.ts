import type { Clock } from "./clock.ts";
import { copyConfig, type ResolvedOptions, type RuntimeConfig } from "./options.ts";
import { createFaultBook, type FaultBook } from "./rules/faults.ts";
import { createPairRateLimiter, type PairRateLimiter } from "./rules/pair-rate.ts";
import { createThroughputLimiter, type ThroughputLimiter } from "./rules/throughput.ts";
import { createWindowTracker, type WindowTracker } from "./rules/window.ts";
import { createScheduler, type Scheduler } from "./scheduler.ts";
import { createState, type SimState } from "./state.ts";
import { seedTemplates } from "./templates/registry.ts";
import { createWebhookDelivery, type WebhookDelivery } from "./webhooks/deliver.ts";

/**
 * Everything a route or service of the simulator needs, passed by hand (no decorators, no globals), so each
 * piece can be built and tested with exactly the collaborators it uses.
 */
export interface SimContext {
  options: ResolvedOptions;
  /** Mutable at run time through `PATCH /_sim/config`. */
  config: RuntimeConfig;
  clock: Clock;
  scheduler: Scheduler;
  state: SimState;
  window: WindowTracker;
  throughput: ThroughputLimiter;
  pairRate: PairRateLimiter;
  faults: FaultBook;
  delivery: WebhookDelivery;
  /** The URL media links point at; known only once the server listens. */
  publicUrl(): string;
  /** Called once the server listens; ignored when `publicUrl` was given as an option. */
  setListeningUrl(url: string): void;
}

/** Builds the context for resolved options; the server and the `MetaSim` handle are built on top of it. */
export function createSimContext(options: ResolvedOptions): SimContext {
  const { clock } = options;
  const scheduler = createScheduler();
  const faults = createFaultBook();
  const accounts = options.businessAccounts.map((a) => ({
    wabaId: a.wabaId,
    name: a.name ?? a.phoneNumbers[0]?.verifiedName ?? a.wabaId,
    phoneNumberIds: a.phoneNumbers.map((p) => p.id),
  }));
  const phoneNumbers = options.businessAccounts.flatMap((a) =>
    a.phoneNumbers.map((p) => ({
      id: p.id,
      wabaId: a.wabaId,
      displayPhoneNumber: p.displayPhoneNumber,
      verifiedName: p.verifiedName,
      qualityRating: p.qualityRating ?? "GREEN",
    })),
  );
  const state = createState({ accounts, phoneNumbers });
  seedTemplates(state);
  let publicUrl = options.publicUrl ?? "";
  const ctx: SimContext = {
    options,
    config: copyConfig(options.initialConfig),
    clock,
    scheduler,
    state,
    faults,
    window: createWindowTracker({ clock }),
    throughput: createThroughputLimiter({ clock, perSecond: () => ctx.config.throughputPerSecond }),
    pairRate: createPairRateLimiter({ clock, settings: () => ctx.config.pairRate }),
    delivery: createWebhookDelivery({ appSecret: options.appSecret, settings: () => ctx.config, faults, scheduler, log: options.log }),
    publicUrl: () => publicUrl,
    setListeningUrl: (url) => {
      if (!options.publicUrl) publicUrl = url;
    },
  };
  return ctx;
}
