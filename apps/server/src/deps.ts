import type { WhatsAppClient } from "@papo/whatsapp";
import type { Logger } from "pino";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { FieldCipher } from "./crypto/field-cipher.ts";
import type { Database } from "./db/client.ts";
import type { EventBus } from "./events/bus.ts";
import type { AuditTrail } from "./modules/audit/trail.ts";
import type { TokenService } from "./modules/auth/tokens.ts";
import type { Channel } from "./modules/channels/repo.ts";
import type { EncryptionKeys } from "./modules/keys/keys.ts";
import type { MediaStorage } from "./modules/media/storage.ts";

/**
 * Everything the application is built from, made once in `main.ts` (or by the test helpers) and passed by hand:
 * the dependency list is a type anyone can read, and tests swap parts without module mocking.
 */
export interface Deps {
  config: Readonly<Config>;
  database: Database;
  cipher: FieldCipher;
  /** The master-key ring the cipher reads, its provider, reloads and last usage count (`modules/keys`). */
  keys: EncryptionKeys;
  clock: Clock;
  events: EventBus;
  log: Logger;
  tokens: TokenService;
  /** The hash-chained audit log (`modules/audit`). */
  audit: AuditTrail;
  storage: MediaStorage;
  /** A Graph client for the channel; `timeoutMs` shortens the default 30 s for calls a person waits on. */
  clientFor: (channel: Channel, options?: { timeoutMs?: number }) => WhatsAppClient;
  /** Wake-ups for the background workers after a commit (no-ops until the workers start). */
  kick: {
    send(): void;
    media(): void;
    webhooks(): void;
    /** The inbound analysis worker (modules/copilot). */
    copilot(): void;
    /** The campaign sender (modules/campaigns), after a launch or resume. */
    campaigns?(): void;
  };
}
