import { WhatsAppWindowClosedError } from "@papo/whatsapp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../clock.ts";
import { type SimHarness, startSimHarness } from "../testing/sim.test-utils.ts";
import { statusesFor, waitForStatus } from "../testing/statuses.test-utils.ts";

const HOUR = 60 * 60 * 1000;
const clock = createManualClock(Date.parse("2026-05-01T12:00:00Z"));
let h: SimHarness;

beforeAll(async () => {
  h = await startSimHarness({ clock });
});

afterAll(async () => {
  await h.close();
});

describe("24-hour window on sends", () => {
  it("when 25 hours pass after the customer's last message, a free-form send fails asynchronously with 131047", async () => {
    h.sim.sendAsCustomer({ from: "5511911110001", type: "text", text: "oi" });
    clock.advance(25 * HOUR);

    const { wamid } = await h.client.sendText({ to: "+5511911110001", body: "ainda aí?" });

    expect((await waitForStatus(h.receiver, wamid, "failed")).errors).toEqual([expect.objectContaining({ code: 131047 })]);
    expect(statusesFor(h.receiver, wamid).some((s) => s.status === "sent")).toBe(false);
  });

  it("when 23 hours pass, the same send is delivered", async () => {
    h.sim.sendAsCustomer({ from: "5511911110002", type: "text", text: "oi" });
    clock.advance(23 * HOUR);

    const { wamid } = await h.client.sendText({ to: "+5511911110002", body: "ainda aí?" });

    await waitForStatus(h.receiver, wamid, "delivered");
  });

  it("when the customer's message is backdated past the window, the window is already closed", async () => {
    const timestamp = Math.floor((clock.now() - 30 * HOUR) / 1000);
    h.sim.sendAsCustomer({ from: "5511911110003", type: "text", text: "oi", timestamp });

    const { wamid } = await h.client.sendText({ to: "+5511911110003", body: "oi" });

    await waitForStatus(h.receiver, wamid, "failed");
  });

  it("when the window is closed, a template is still delivered", async () => {
    const { wamid } = await h.client.sendTemplate({ to: "+5511911110004", name: "hello_world", language: "en_US" });

    await waitForStatus(h.receiver, wamid, "delivered");
  });

  it("when strict mode is on, a free-form send outside the window is refused synchronously with 131047", async () => {
    h.sim.configure({ windowMode: "strict" });
    try {
      const error = await h.client.sendText({ to: "+5511911110005", body: "oi" }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(WhatsAppWindowClosedError);
      expect(error).toMatchObject({ code: 131047, httpStatus: 400 });
    } finally {
      h.sim.configure({ windowMode: "async" });
    }
  });

  it("when the customer arrived through a Click-to-WhatsApp ad, the reply is priced as free entry point with a conversation", async () => {
    h.sim.sendAsCustomer({ from: "5511911110006", type: "text", text: "Vi o anúncio", referral: true });

    const { wamid } = await h.client.sendText({ to: "+5511911110006", body: "Bem-vinda!" });
    const sent = await waitForStatus(h.receiver, wamid, "sent");

    expect(sent.pricing).toEqual({ billable: false, pricing_model: "PMP", type: "free_entry_point", category: "referral_conversion" });
    expect(sent.conversation).toMatchObject({ origin: { type: "referral_conversion" } });
  });
});
