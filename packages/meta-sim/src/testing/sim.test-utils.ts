import { createWhatsAppClient, type WhatsAppClient } from "@papo/whatsapp";
import { createMetaSim, type MetaSim, type MetaSimOptions } from "../index.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.test-utils.ts";

/** The app secret every integration test signs with. */
export const TEST_APP_SECRET = "test-app-secret";

/** A simulator wired to a fresh receiver, plus a Graph client pointed at it. */
export interface SimHarness {
  sim: MetaSim;
  receiver: WebhookReceiver;
  client: WhatsAppClient;
  close(): Promise<void>;
}

/**
 * Starts a receiver and a simulator delivering to it, with status delays short enough for fast tests.
 * Each test file owns its harness and closes it in `afterAll`.
 */
export async function startSimHarness(options: Partial<MetaSimOptions> = {}): Promise<SimHarness> {
  const receiver = await startWebhookReceiver();
  const sim = await createMetaSim({
    appSecret: TEST_APP_SECRET,
    webhookUrl: receiver.url,
    statusDelaysMs: { sent: 5, delivered: 10, read: 10 },
    webhookRetry: { maxAttempts: 3, baseDelayMs: 10 },
    templateApprovalDelayMs: 20,
    ...options,
  });
  const client = createWhatsAppClient({
    accessToken: sim.accessToken,
    phoneNumberId: sim.phoneNumberId,
    baseUrl: sim.url,
    timeoutMs: 5_000,
  });
  return {
    sim,
    receiver,
    client,
    async close() {
      await sim.close();
      await receiver.close();
    },
  };
}
