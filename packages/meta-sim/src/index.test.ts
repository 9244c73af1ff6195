import { describe, expect, it } from "vitest";
import { createMetaSim } from "./index.ts";
import { startWebhookReceiver } from "./testing/webhook-receiver.test-utils.ts";

describe("createMetaSim", () => {
  it("when no app secret is given, start-up fails before listening", async () => {
    await expect(createMetaSim({ appSecret: "" })).rejects.toThrow("appSecret is required");
  });

  it("when a business account has no phone number, start-up fails", async () => {
    await expect(createMetaSim({ appSecret: "s", businessAccounts: [{ wabaId: "1", phoneNumbers: [] }] })).rejects.toThrow(
      "at least one phone number",
    );
  });

  it("when closed with statuses and a webhook retry pending, close resolves at once and nothing more is delivered", async () => {
    const receiver = await startWebhookReceiver();
    receiver.respondWith(() => 500);
    const sim = await createMetaSim({
      appSecret: "s",
      webhookUrl: receiver.url,
      webhookRetry: { maxAttempts: 5, baseDelayMs: 10_000 },
      statusDelaysMs: { sent: 10_000 },
    });
    sim.sendAsCustomer({ from: "5511912345678", type: "text", text: "oi" });
    await receiver.waitForCount(1);

    const started = Date.now();
    await sim.close();

    // Half the 10 s retry delay and status delay it must not wait for: a loaded CI machine still passes.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });

  it("when close is called twice, both calls resolve", async () => {
    const sim = await createMetaSim({ appSecret: "s" });

    await expect(Promise.all([sim.close(), sim.close()])).resolves.toEqual([undefined, undefined]);
  });
});
