/**
 * @module @papo/meta-sim
 * A WhatsApp Cloud API simulator: Meta's Graph endpoints, signed webhook delivery with retries, the business rules
 * (24 h window, throughput, pair rate, templates) and fault injection, so Papo runs end to end without a Meta account.
 */
import { createManualClock } from "./clock.ts";
import { createSimContext } from "./context.ts";
import { type MetaSimOptions, resolveOptions } from "./options.ts";
import { buildServer } from "./server.ts";
import { createSimHandle, type MetaSim } from "./sim.ts";

export type { Clock, ManualClock } from "./clock.ts";
export type { ReceivedMessageView, SentMessageView } from "./control/customer-view.ts";
export { ControlInputError } from "./control/fields.ts";
export type { ConfigPatch } from "./control/parse-config.ts";
export type { RawWebhook } from "./control/raw-webhook.ts";
export type { CustomerInteractive, CustomerMedia, CustomerMessageInput } from "./inbound/customer-message.ts";
export type { CustomerMessageResult } from "./inbound/send-as-customer.ts";
export type { MetaSimBusinessAccount, MetaSimOptions, MetaSimPhoneNumber, RuntimeConfig, StatusDelays, WebhookRetry } from "./options.ts";
export { DEFAULT_ACCESS_TOKEN, DEFAULT_BUSINESS_ACCOUNTS } from "./options.ts";
export type { FaultScenario, FaultTarget } from "./rules/faults.ts";
export type { PairRateSettings } from "./rules/pair-rate.ts";
export { LENIENT_PAIR_RATE, META_PAIR_RATE } from "./rules/pair-rate.ts";
export { UNDELIVERABLE_SUFFIX } from "./rules/undeliverable.ts";
export type { WindowMode } from "./rules/window.ts";
export type { MetaSim } from "./sim.ts";
export type { TemplateRecord } from "./state.ts";
export type { TemplateReviewEvent } from "./templates/registry.ts";
export type { DeliveryAttempt, DeliveryLogEntry, DeliveryState } from "./webhooks/deliver.ts";
export { createManualClock };

/** A host to put in URLs: wildcard binds are reached through loopback. */
const urlHost = (host: string): string => {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
};

/**
 * Starts a simulator and resolves once it listens.
 *
 * @example
 * const sim = await createMetaSim({ appSecret: "dev-secret", webhookUrl: "http://127.0.0.1:3000/webhook" });
 * const client = createWhatsAppClient({ accessToken: sim.accessToken, phoneNumberId: sim.phoneNumberId, baseUrl: sim.url });
 * sim.sendAsCustomer({ from: "5511912345678", name: "Lia", type: "text", text: "Olá!" });
 * await sim.close();
 */
export async function createMetaSim(options: MetaSimOptions): Promise<MetaSim> {
  const ctx = createSimContext(resolveOptions(options));
  const app = await buildServer(ctx);
  await app.listen({ port: ctx.options.port, host: ctx.options.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : ctx.options.port;
  const url = `http://${urlHost(ctx.options.host)}:${port}`;
  ctx.setListeningUrl(url);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      ctx.scheduler.cancelAll();
      await ctx.delivery.close();
      // Closing the delivery wakes sleeping retries, which may not schedule anything new; cancel once more to be sure.
      ctx.scheduler.cancelAll();
      await app.close();
    })();
    return closing;
  };
  return createSimHandle(ctx, { url, port, close });
}
