import { describe, expect, it } from "vitest";
import { SEND_OUTCOME_UNKNOWN } from "./models.ts";
import { statusChange } from "./status-service.ts";

const T0 = new Date("2026-05-01T12:00:00Z");
const T1 = new Date("2026-05-01T12:00:05Z");
const row = (fields: Partial<Parameters<typeof statusChange>[0]> = {}): Parameters<typeof statusChange>[0] => ({
  status: "accepted",
  errorCode: null,
  sentAt: null,
  deliveredAt: null,
  readAt: null,
  playedAt: null,
  failedAt: null,
  ...fields,
});

describe("statusChange", () => {
  it("when a message Papo had marked outcome-unknown gets sent, the status, time and cleared error come from Meta", () => {
    const change = statusChange(row({ status: "failed", errorCode: SEND_OUTCOME_UNKNOWN, failedAt: T0 }), {
      status: "sent",
      at: T1,
      errors: [],
    });
    expect(change).toEqual({ status: "sent", sentAt: T1, errorCode: null, errorTitle: null, errorDetails: null, failedAt: null });
  });

  it("when a message Papo had marked outcome-unknown really failed, Meta's error and time replace the guess", () => {
    const change = statusChange(row({ status: "failed", errorCode: SEND_OUTCOME_UNKNOWN, failedAt: T0 }), {
      status: "failed",
      at: T1,
      errors: [{ code: 131026, title: "Message undeliverable", message: "Message undeliverable", details: "not on WhatsApp" }],
    });
    expect(change).toEqual({
      status: "failed",
      failedAt: T1,
      errorCode: "131026",
      errorTitle: "Message undeliverable",
      errorDetails: "not on WhatsApp",
    });
  });

  it("when a retried message is adopted by a status, the earlier attempt's error goes away", () => {
    const change = statusChange(row({ status: "sending", errorCode: "130429" }), { status: "sent", at: T1, errors: [] });
    expect(change).toMatchObject({ status: "sent", errorCode: null });
  });

  it("when delivered comes after read, read stays and the delivery time is still recorded", () => {
    expect(statusChange(row({ status: "read", sentAt: T0, readAt: T0 }), { status: "delivered", at: T1, errors: [] })).toEqual({
      deliveredAt: T1,
    });
  });

  it("when a failed message gets a late delivered, nothing changes but the time", () => {
    expect(statusChange(row({ status: "failed", errorCode: "131047", failedAt: T0 }), { status: "delivered", at: T1, errors: [] })).toEqual(
      {
        deliveredAt: T1,
      },
    );
  });

  it("when the same status comes twice, the second changes nothing", () => {
    expect(statusChange(row({ status: "sent", sentAt: T0 }), { status: "sent", at: T1, errors: [] })).toBeNull();
  });
});
