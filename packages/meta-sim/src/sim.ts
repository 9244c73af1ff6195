import type { SimContext } from "./context.ts";
import { customerView, type SentMessageView } from "./control/customer-view.ts";
import { applyConfigPatch, type ConfigPatch, parseConfigPatch } from "./control/parse-config.ts";
import { parseFaults } from "./control/parse-faults.ts";
import { deliverRawWebhook, parseRawWebhook, type RawWebhook } from "./control/raw-webhook.ts";
import { resetSim } from "./control/reset.ts";
import { changeTemplateStatus, parseTemplateStatusChange } from "./control/template-status.ts";
import type { CustomerMessageInput } from "./inbound/customer-message.ts";
import { parseCustomerMessage } from "./inbound/parse-customer-message.ts";
import { type CustomerMessageResult, sendAsCustomer } from "./inbound/send-as-customer.ts";
import type { RuntimeConfig } from "./options.ts";
import type { FaultScenario } from "./rules/faults.ts";
import type { TemplateRecord } from "./state.ts";
import type { TemplateReviewEvent } from "./templates/registry.ts";
import { templatesOf } from "./templates/registry.ts";
import type { DeliveryLogEntry } from "./webhooks/deliver.ts";

/** A running simulator, for in-process use (tests, Papo's sandbox mode). Every helper mirrors a control endpoint. */
export interface MetaSim {
  /** Base URL, e.g. `http://127.0.0.1:53211`; Graph calls go to `${url}/v23.0/...`. */
  url: string;
  port: number;
  /** The first accepted bearer token. */
  accessToken: string;
  /** The first business number's id and its WABA, for the common single-number case. */
  phoneNumberId: string;
  wabaId: string;
  /** Plays a customer message (`POST /_sim/customers/messages`). Throws `ControlInputError` on bad input. */
  sendAsCustomer(input: CustomerMessageInput): CustomerMessageResult;
  /** What the business sent to a customer (wa_id or BSUID), with status history. */
  sentTo(customer: string): SentMessageView[];
  /** Everything exchanged with a customer (`GET /_sim/customers/:waId/messages`). */
  conversationWith(customer: string): ReturnType<typeof customerView>;
  /** Replaces all fault scenarios. */
  setFaults(scenarios: FaultScenario[]): void;
  /** Appends fault scenarios (`POST /_sim/faults`). */
  addFaults(scenarios: FaultScenario[]): void;
  /** Scenarios with calls left. */
  faults(): FaultScenario[];
  /** Changes live settings (`PATCH /_sim/config`). */
  configure(patch: ConfigPatch): RuntimeConfig;
  /** Applies a template review decision by template id or name (`POST /_sim/templates/:id/status`). */
  setTemplateStatus(idOrName: string, event: TemplateReviewEvent, reason?: string): void;
  /** Templates of a WABA (default: the first). */
  templates(wabaId?: string): TemplateRecord[];
  /** Delivers an arbitrary webhook (`POST /_sim/webhooks/raw`). */
  deliverRaw(raw: RawWebhook): DeliveryLogEntry;
  /** The webhook delivery log (`GET /_sim/webhooks`). */
  webhookLog(): DeliveryLogEntry[];
  /** Resolves once no webhook is queued or being retried. Statuses not yet due are not waited for. */
  webhooksIdle(): Promise<void>;
  /** Back to the start-up state (`POST /_sim/reset`). */
  reset(): void;
  /** Stops the server, every timer and every retry. */
  close(): Promise<void>;
}

/** Builds the {@link MetaSim} helpers over a context; each runs the same validation as its control endpoint. */
export function createSimHandle(ctx: SimContext, { url, port, close }: { url: string; port: number; close: () => Promise<void> }): MetaSim {
  const first = ctx.state.phoneNumbers.values().next().value;
  if (!first) throw new Error("meta-sim: no phone number configured");
  return {
    url,
    port,
    accessToken: ctx.options.accessTokens[0] ?? "",
    phoneNumberId: first.id,
    wabaId: first.wabaId,
    sendAsCustomer: (input) => sendAsCustomer(ctx, parseCustomerMessage(input)),
    sentTo: (customer) => customerView(ctx.state, customer).messages,
    conversationWith: (customer) => customerView(ctx.state, customer),
    setFaults: (scenarios) => {
      const parsed = parseFaults(scenarios);
      ctx.faults.clear();
      ctx.faults.add(parsed);
    },
    addFaults: (scenarios) => ctx.faults.add(parseFaults(scenarios)),
    faults: () => ctx.faults.list(),
    configure: (patch) => {
      applyConfigPatch(ctx.config, parseConfigPatch(patch));
      return ctx.config;
    },
    setTemplateStatus: (idOrName, event, reason) => {
      changeTemplateStatus(ctx, { idOrName, change: parseTemplateStatusChange({ event, reason }) });
    },
    templates: (wabaId = first.wabaId) => templatesOf(ctx.state, wabaId),
    deliverRaw: (raw) => deliverRawWebhook(ctx, parseRawWebhook(raw)),
    webhookLog: () => ctx.delivery.log(),
    webhooksIdle: () => ctx.delivery.idle(),
    reset: () => resetSim(ctx),
    close,
  };
}
