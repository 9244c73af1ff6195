import { verifySignature } from "@papo/whatsapp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SimHarness, startSimHarness, TEST_APP_SECRET } from "../testing/sim.test-utils.ts";
import { statusesFor, waitForStatus } from "../testing/statuses.test-utils.ts";
import { waitFor } from "../testing/wait-for.test-utils.ts";

const LIA = "5511912345678";
let h: SimHarness;

beforeAll(async () => {
  h = await startSimHarness();
});

beforeEach(() => {
  h.sim.reset();
  h.receiver.clear();
  h.receiver.respondWith(() => 200);
});

afterAll(async () => {
  await h.close();
});

describe("webhook delivery", () => {
  it("when the payload has accents, emoji and slashes, the signature matches the exact bytes Meta-style escaped", async () => {
    h.sim.sendAsCustomer({ from: LIA, name: "Conceição", type: "text", text: "Olá! 😀 https://x.example/a" });

    const [hook] = await h.receiver.waitForCount(1);

    expect(hook?.rawBody).toContain("Concei\\u00e7\\u00e3o");
    expect(hook?.rawBody).toContain("\\ud83d\\ude00");
    expect(hook?.rawBody).toContain("https:\\/\\/x.example\\/a");
    expect(hook?.headers["content-type"]).toBe("application/json");
    expect(
      verifySignature({ rawBody: hook?.rawBody ?? "", header: hook?.headers["x-hub-signature-256"] as string, appSecret: TEST_APP_SECRET }),
    ).toEqual({ valid: true });
  });

  it("when the receiver answers 500 twice and then 200, the webhook is delivered on the third attempt", async () => {
    h.receiver.respondWith((n) => (n <= 2 ? 500 : 200));

    h.sim.sendAsCustomer({ from: LIA, type: "text", text: "retry" });
    await h.sim.webhooksIdle();

    expect(h.receiver.received.map((r) => r.answeredWith)).toEqual([500, 500, 200]);
    expect(h.sim.webhookLog()[0]).toMatchObject({
      state: "delivered",
      attempts: [{ statusCode: 500 }, { statusCode: 500 }, { statusCode: 200 }],
    });
  });

  it("when the receiver keeps failing, delivery stops after maxAttempts and is logged as failed", async () => {
    h.receiver.respondWith(() => 503);

    h.sim.sendAsCustomer({ from: LIA, type: "text", text: "nunca" });
    await h.sim.webhooksIdle();

    expect(h.receiver.received).toHaveLength(3);
    expect(h.sim.webhookLog()[0]?.state).toBe("failed");
  });

  it("when the receiver answers 204, Meta's rule applies and the webhook is retried", async () => {
    h.receiver.respondWith((n) => (n === 1 ? 204 : 200));

    h.sim.sendAsCustomer({ from: LIA, type: "text", text: "204" });
    await h.sim.webhooksIdle();

    expect(h.sim.webhookLog()[0]?.attempts.map((a) => a.statusCode)).toEqual([204, 200]);
  });

  it("when a webhook fault is injected, the receiver is treated as unreachable and the delivery retried", async () => {
    h.sim.setFaults([{ on: "webhook", times: 1 }]);

    h.sim.sendAsCustomer({ from: LIA, type: "text", text: "fault" });
    await h.sim.webhooksIdle();

    expect(h.sim.webhookLog()[0]?.attempts).toEqual([
      expect.objectContaining({ statusCode: null, error: "unreachable (injected fault)" }),
      expect.objectContaining({ statusCode: 200 }),
    ]);
    expect(h.receiver.received).toHaveLength(1);
  });

  it("when an earlier webhook is being retried, later ones wait behind it and arrive in order", async () => {
    h.receiver.respondWith((n) => (n === 1 ? 500 : 200));

    for (const text of ["1", "2", "3"]) h.sim.sendAsCustomer({ from: LIA, type: "text", text });
    await h.sim.webhooksIdle();

    const bodies = h.receiver.received.filter((r) => r.answeredWith === 200).map((r) => JSON.stringify(r.json).match(/"body":"(\d)"/)?.[1]);
    expect(bodies).toEqual(["1", "2", "3"]);
  });

  it("when duplicate deliveries are on, every webhook arrives twice with identical bytes", async () => {
    h.sim.configure({ duplicateDeliveries: true });

    h.sim.sendAsCustomer({ from: LIA, type: "text", text: "dup" });
    await h.sim.webhooksIdle();

    expect(h.receiver.received).toHaveLength(2);
    expect(h.receiver.received[0]?.rawBody).toBe(h.receiver.received[1]?.rawBody);
    expect(h.sim.webhookLog()[1]?.duplicateOf).toBe(h.sim.webhookLog()[0]?.id);
  });

  it("when statuses are shuffled, a message's statuses arrive out of order with timestamps still in true order", async () => {
    h.sim.configure({ shuffleStatuses: true });
    h.sim.sendAsCustomer({ from: LIA, type: "text", text: "oi" });

    const { wamid } = await h.client.sendText({ to: `+${LIA}`, body: "embaralhado" });
    await waitFor(() => statusesFor(h.receiver, wamid).length === 3, { what: "three statuses" });

    const statuses = statusesFor(h.receiver, wamid);
    expect(statuses.map((s) => s.status)).not.toEqual(["sent", "delivered", "read"]);
    expect(statuses.map((s) => s.status).sort()).toEqual(["delivered", "read", "sent"]);
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.timestamp)]));
    expect(byStatus.sent).toBeLessThanOrEqual(byStatus.read ?? 0);
  });

  it("when no webhook URL is configured, deliveries are logged as skipped", async () => {
    h.sim.configure({ webhookUrl: undefined });

    h.sim.sendAsCustomer({ from: LIA, type: "text", text: "sem url" });

    expect(h.sim.webhookLog()[0]).toMatchObject({ state: "skipped", url: null });
  });

  it("when a raw payload is delivered, it arrives signed as given", async () => {
    h.sim.deliverRaw({ body: '{"object":"whatsapp_business_account","entry":[]}' });

    const [hook] = await h.receiver.waitForCount(1);

    expect(hook?.rawBody).toBe('{"object":"whatsapp_business_account","entry":[]}');
    expect(
      verifySignature({ rawBody: hook?.rawBody ?? "", header: hook?.headers["x-hub-signature-256"] as string, appSecret: TEST_APP_SECRET })
        .valid,
    ).toBe(true);
  });

  it("when a raw payload is delivered with an invalid signature, the receiver cannot verify it", async () => {
    h.sim.deliverRaw({ payload: { object: "whatsapp_business_account", entry: [] }, signature: "invalid" });

    const [hook] = await h.receiver.waitForCount(1);

    expect(
      verifySignature({ rawBody: hook?.rawBody ?? "", header: hook?.headers["x-hub-signature-256"] as string, appSecret: TEST_APP_SECRET }),
    ).toEqual({ valid: false, reason: "mismatch" });
  });

  it("when the simulator is reset during a retry, the pending retry is dropped", async () => {
    h.receiver.respondWith(() => 500);
    h.sim.configure({ webhookRetry: { maxAttempts: 5, baseDelayMs: 200 } });
    h.sim.sendAsCustomer({ from: LIA, type: "text", text: "reset" });
    await h.receiver.waitForCount(1);

    h.sim.reset();
    await h.sim.webhooksIdle();
    // Well past the 200 ms the dropped retry was due at, with room for a slow timer.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(h.receiver.received).toHaveLength(1);
  });
});

describe("status webhooks", () => {
  it("when a status is delivered, its envelope names the WABA and the business number", async () => {
    h.sim.sendAsCustomer({ from: LIA, type: "text", text: "oi" });
    const { wamid } = await h.client.sendText({ to: `+${LIA}`, body: "oi" });

    await waitForStatus(h.receiver, wamid, "sent");
    const hook = h.receiver.received.find((r) => JSON.stringify(r.json).includes(wamid));

    expect(hook?.json).toMatchObject({
      object: "whatsapp_business_account",
      entry: [
        {
          id: h.sim.wabaId,
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "5511955550000", phone_number_id: h.sim.phoneNumberId },
              },
            },
          ],
        },
      ],
    });
  });
});
