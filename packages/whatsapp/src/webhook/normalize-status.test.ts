import { describe, expect, it } from "vitest";
import type { StatusEvent } from "./events.ts";
import { CUSTOMER, contact, envelope, metadata, status, statuses } from "./fixtures.test-utils.ts";
import { normalizeWebhook } from "./normalize.ts";

function onlyStatus(item: Record<string, unknown>): StatusEvent {
  const result = normalizeWebhook(statuses(item));
  const event = result.ok ? result.events[0] : undefined;
  if (event?.kind !== "status") throw new Error(`expected a status event, got ${JSON.stringify(event)}`);
  return event;
}

describe("normalizeWebhook — statuses", () => {
  it("when a sent status uses conversation-based pricing, conversation id, expiry, origin and CBP pricing are kept", () => {
    const event = onlyStatus(status.sentCbp);
    expect(event).toMatchObject({
      wamid: "wamid.outbound1",
      status: "sent",
      recipient: { waId: CUSTOMER },
      conversation: { id: status.sentCbp.conversation.id, originType: "service" },
      pricing: { model: "CBP", billable: true, category: "service" },
      errors: [],
    });
    expect(event.timestamp.getTime()).toBe(1779883322_000);
    expect(event.conversation?.expiresAt?.getTime()).toBe(1779969722_000);
  });

  it("when a delivered status uses per-message pricing, the PMP type and category and the callback data are kept", () => {
    const event = onlyStatus(status.deliveredPmp);
    expect(event.pricing).toEqual({ model: "PMP", billable: false, type: "free_customer_service", category: "service" });
    expect(event.bizOpaqueCallbackData).toBe("crm:msg:3307");
    expect(event.conversation).toBeUndefined();
  });

  it("when read and played statuses arrive, they are typed as such", () => {
    expect(onlyStatus(status.read).status).toBe("read");
    expect(onlyStatus(status.played)).toMatchObject({ status: "played", wamid: "wamid.voice1" });
  });

  it("when a status failed, its errors carry code, title, details and href", () => {
    expect(onlyStatus(status.failed).errors).toEqual([
      {
        code: 131047,
        title: "Re-engagement message",
        message: "Re-engagement message",
        details: status.failed.errors[0].error_data.details,
        href: status.failed.errors[0].href,
      },
    ]);
  });

  it("when the recipient is identified only by a business-scoped user id, the status carries it", () => {
    expect(onlyStatus(status.bsuidRecipient).recipient).toEqual({ userId: "BR.7730019284465512" });
  });

  it("when a status word is not a Cloud API status (On-Premises deleted), it becomes an unknown event", () => {
    const result = normalizeWebhook(statuses(status.deletedOnPrem));
    expect(result.ok && result.events[0]).toMatchObject({ kind: "unknown", reason: expect.stringContaining('unknown status "deleted"') });
  });

  it("when statuses come with a contacts entry (2026), they are statuses, not inbound messages", () => {
    const body = envelope({
      field: "messages",
      value: { messaging_product: "whatsapp", metadata, contacts: [contact()], statuses: [status.read] },
    });
    const result = normalizeWebhook(body);
    expect(result.ok && result.events.map((e) => e.kind)).toEqual(["status"]);
  });

  it("when several statuses of one message arrive out of order in one body, each is reported with its own timestamp", () => {
    const result = normalizeWebhook(statuses(status.read, status.sentCbp, status.deliveredPmp));
    const seen = result.ok ? result.events.map((e) => (e.kind === "status" ? [e.status, e.timestamp.getTime() / 1000] : [])) : [];
    expect(seen).toEqual([
      ["read", 1779883400],
      ["sent", 1779883322],
      ["delivered", 1779883330],
    ]);
  });
});
