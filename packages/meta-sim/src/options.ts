import { type Clock, systemClock } from "./clock.ts";
import { LENIENT_PAIR_RATE, type PairRateSettings } from "./rules/pair-rate.ts";
import { DEFAULT_THROUGHPUT_PER_SECOND } from "./rules/throughput.ts";
import type { WindowMode } from "./rules/window.ts";

/** A business phone number to host. */
export interface MetaSimPhoneNumber {
  id: string;
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating?: "GREEN" | "YELLOW" | "RED";
}

/** A WhatsApp Business Account to host; templates are seeded into each one. */
export interface MetaSimBusinessAccount {
  wabaId: string;
  name?: string;
  phoneNumbers: MetaSimPhoneNumber[];
}

/**
 * Delays between an accepted send and its status webhooks, each counted from the previous step.
 * `read: null` means the customer never reads (no `read`, no `played`).
 */
export interface StatusDelays {
  sent: number;
  delivered: number;
  read: number | null;
}

/** Meta's retry of webhooks the receiver did not acknowledge with 200: attempt n waits `baseDelayMs * 2^(n-1)`. */
export interface WebhookRetry {
  maxAttempts: number;
  baseDelayMs: number;
}

/** Options of `createMetaSim`. Only `appSecret` is required. */
export interface MetaSimOptions {
  /** Port to listen on; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** The Meta app secret webhooks are signed with (`X-Hub-Signature-256`). */
  appSecret: string;
  /** Where webhooks are POSTed. Without it, webhooks are logged as `skipped`. */
  webhookUrl?: string;
  /** Bearer tokens the Graph endpoints accept; default `["sim-access-token"]`. */
  accessTokens?: string[];
  /** Default: one WABA (`102290129340398`) with one Brazilian number (`106540352242922`, +55 11 95555-0000). */
  businessAccounts?: MetaSimBusinessAccount[];
  statusDelaysMs?: Partial<StatusDelays>;
  /** Sends per second per business number before 130429; default 80. */
  throughputPerSecond?: number;
  /** Pair rate limit (131056); default lenient ({@link LENIENT_PAIR_RATE}); `null` switches it off. */
  pairRate?: PairRateSettings | null;
  /** How free-form sends outside the 24 h window fail; default `"async"` (a `failed` status webhook). */
  windowMode?: WindowMode;
  /** Time source for window, rate limits and timestamps; default the wall clock. */
  clock?: Clock;
  webhookRetry?: Partial<WebhookRetry>;
  /** How long one webhook POST may take before it counts as failed; default 10 s. */
  webhookTimeoutMs?: number;
  /** Deliver every webhook twice, as Meta's at-least-once delivery sometimes does; default false. */
  duplicateDeliveries?: boolean;
  /** Deliver each message's statuses in a shuffled order; default false. */
  shuffleStatuses?: boolean;
  /** Time until a created template is approved; `null` leaves it PENDING until the control API decides. Default 1000. */
  templateApprovalDelayMs?: number | null;
  /** Base URL put in media URLs when the simulator sits behind a proxy; default the listening URL. */
  publicUrl?: string;
  /** Receives one line per notable event (webhook attempts, sends); the CLI prints them. */
  log?: (line: string) => void;
}

/** Settings that can change while running (`PATCH /_sim/config`, `sim.configure`). */
export interface RuntimeConfig {
  webhookUrl: string | undefined;
  statusDelaysMs: StatusDelays;
  throughputPerSecond: number;
  pairRate: PairRateSettings | null;
  windowMode: WindowMode;
  webhookRetry: WebhookRetry;
  webhookTimeoutMs: number;
  duplicateDeliveries: boolean;
  shuffleStatuses: boolean;
  templateApprovalDelayMs: number | null;
}

/** The default access token, printed by the CLI. */
export const DEFAULT_ACCESS_TOKEN = "sim-access-token";

/** The default business account: one WABA, one Brazilian number. */
export const DEFAULT_BUSINESS_ACCOUNTS: readonly MetaSimBusinessAccount[] = Object.freeze([
  {
    wabaId: "102290129340398",
    name: "Papo Demo",
    phoneNumbers: [{ id: "106540352242922", displayPhoneNumber: "+55 11 95555-0000", verifiedName: "Papo Demo", qualityRating: "GREEN" }],
  },
]);

/** Defaults chosen so a person watching a demo sees ticks appear one by one. */
export const DEFAULT_STATUS_DELAYS: StatusDelays = Object.freeze({ sent: 300, delivered: 700, read: 2_000 });

/** Meta retries for days; the simulator keeps the same shape at a scale a test run can wait for. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetry = Object.freeze({ maxAttempts: 5, baseDelayMs: 500 });

/** Options after defaults, frozen at start-up. */
export interface ResolvedOptions {
  port: number;
  host: string;
  appSecret: string;
  accessTokens: readonly string[];
  businessAccounts: readonly MetaSimBusinessAccount[];
  clock: Clock;
  publicUrl: string | undefined;
  log: (line: string) => void;
  initialConfig: Readonly<RuntimeConfig>;
}

/** Applies defaults and rejects options that cannot work, at start-up rather than on the first request. */
export function resolveOptions(options: MetaSimOptions): ResolvedOptions {
  if (!options.appSecret) throw new TypeError("createMetaSim: appSecret is required (webhooks are signed with it)");
  const accessTokens = options.accessTokens ?? [DEFAULT_ACCESS_TOKEN];
  if (accessTokens.length === 0) throw new TypeError("createMetaSim: accessTokens must hold at least one token");
  const businessAccounts = options.businessAccounts ?? DEFAULT_BUSINESS_ACCOUNTS;
  if (businessAccounts.length === 0 || businessAccounts.some((a) => a.phoneNumbers.length === 0)) {
    throw new TypeError("createMetaSim: every business account needs at least one phone number");
  }
  const throughputPerSecond = options.throughputPerSecond ?? DEFAULT_THROUGHPUT_PER_SECOND;
  if (!(throughputPerSecond > 0)) throw new TypeError("createMetaSim: throughputPerSecond must be positive");
  const initialConfig: RuntimeConfig = {
    webhookUrl: options.webhookUrl,
    statusDelaysMs: { ...DEFAULT_STATUS_DELAYS, ...options.statusDelaysMs },
    throughputPerSecond,
    pairRate: options.pairRate === undefined ? LENIENT_PAIR_RATE : options.pairRate,
    windowMode: options.windowMode ?? "async",
    webhookRetry: { ...DEFAULT_WEBHOOK_RETRY, ...options.webhookRetry },
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    duplicateDeliveries: options.duplicateDeliveries ?? false,
    shuffleStatuses: options.shuffleStatuses ?? false,
    templateApprovalDelayMs: options.templateApprovalDelayMs === undefined ? 1_000 : options.templateApprovalDelayMs,
  };
  return Object.freeze({
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    appSecret: options.appSecret,
    accessTokens: Object.freeze([...accessTokens]),
    businessAccounts,
    clock: options.clock ?? systemClock,
    publicUrl: options.publicUrl,
    log: options.log ?? (() => undefined),
    initialConfig: Object.freeze(initialConfig),
  });
}

/** A fresh, mutable copy of the start-up configuration. */
export const copyConfig = (config: Readonly<RuntimeConfig>): RuntimeConfig => ({
  ...config,
  statusDelaysMs: { ...config.statusDelaysMs },
  webhookRetry: { ...config.webhookRetry },
  pairRate: config.pairRate,
});
