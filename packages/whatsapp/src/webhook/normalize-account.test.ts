import { describe, expect, it } from "vitest";
import { WABA_ID } from "./fixtures.test-utils.ts";
import { normalizeWebhook } from "./normalize.ts";

const field = (name: string, value: unknown, time: number | null = 1781020000) => ({
  object: "whatsapp_business_account",
  entry: [{ id: WABA_ID, ...(time === null ? {} : { time }), changes: [{ field: name, value }] }],
});

function only(body: unknown) {
  const result = normalizeWebhook(body);
  if (!result.ok || result.events.length !== 1) throw new Error(`expected one event, got ${JSON.stringify(result)}`);
  return result.events[0];
}

describe("normalizeWebhook — account-level fields", () => {
  it("when a template is approved, the event names template, language and the time from entry.time (an integer)", () => {
    const event = only(
      field("message_template_status_update", {
        event: "APPROVED",
        message_template_id: 1689556908129832,
        message_template_name: "lembrete_consulta",
        message_template_language: "pt_BR",
        reason: "NONE",
        message_template_category: "UTILITY",
      }),
    );
    expect(event).toMatchObject({
      kind: "template_status",
      source: { wabaId: WABA_ID, field: "message_template_status_update" },
      event: "APPROVED",
      templateId: "1689556908129832",
      templateName: "lembrete_consulta",
      language: "pt_BR",
      category: "UTILITY",
    });
    expect(event).not.toHaveProperty("reason");
    expect(event && "at" in event ? event.at?.getTime() : undefined).toBe(1781020000_000);
  });

  it("when a template is rejected, the reason is kept", () => {
    const event = only(
      field("message_template_status_update", {
        event: "REJECTED",
        message_template_id: "77",
        message_template_name: "promo",
        message_template_language: "pt_BR",
        reason: "INCORRECT_CATEGORY",
      }),
    );
    expect(event).toMatchObject({ kind: "template_status", event: "REJECTED", reason: "INCORRECT_CATEGORY" });
  });

  it("when template quality or category changes, typed events carry old and new values", () => {
    expect(
      only(
        field("message_template_quality_update", {
          previous_quality_score: "GREEN",
          new_quality_score: "YELLOW",
          message_template_id: 5,
          message_template_name: "promo",
          message_template_language: "pt_BR",
        }),
      ),
    ).toMatchObject({ kind: "template_quality", previousScore: "GREEN", newScore: "YELLOW", templateId: "5" });
    expect(
      only(
        field("template_category_update", {
          message_template_id: 6,
          message_template_name: "aviso",
          message_template_language: "pt_BR",
          previous_category: "UTILITY",
          new_category: "MARKETING",
        }),
      ),
    ).toMatchObject({ kind: "template_category", previousCategory: "UTILITY", newCategory: "MARKETING" });
  });

  it("when the account is updated (violation, ban), the event name is kept with the raw details", () => {
    const value = { event: "DISABLED_UPDATE", ban_info: { waba_ban_state: "DISABLE", waba_ban_date: "2026-11-30" } };
    expect(only(field("account_update", value))).toEqual({
      kind: "account_update",
      source: { wabaId: WABA_ID, field: "account_update" },
      at: new Date(1781020000_000),
      event: "DISABLED_UPDATE",
      raw: value,
    });
  });

  it("when phone number quality changes, event and limits arrive; without entry.time, at is null", () => {
    const event = only(
      field(
        "phone_number_quality_update",
        { display_phone_number: "5511955550000", event: "THROUGHPUT_UPGRADE", current_limit: "TIER_10K", old_limit: "TIER_2K" },
        null,
      ),
    );
    expect(event).toMatchObject({
      kind: "phone_number_quality",
      event: "THROUGHPUT_UPGRADE",
      currentLimit: "TIER_10K",
      oldLimit: "TIER_2K",
      at: null,
    });
  });

  it("when a user stops marketing messages, a user_preference event carries the user, value and its own timestamp", () => {
    const event = only(
      field("user_preferences", {
        messaging_product: "whatsapp",
        metadata: { display_phone_number: "5511955550000", phone_number_id: "106540352242922" },
        contacts: [{ wa_id: "5511912345678", profile: { name: "Lia" } }],
        user_preferences: [
          {
            wa_id: "5511912345678",
            detail: "User requested to stop marketing messages",
            category: "marketing_messages",
            value: "stop",
            timestamp: 1781020100,
          },
        ],
      }),
    );
    expect(event).toMatchObject({
      kind: "user_preference",
      source: { phoneNumberId: "106540352242922" },
      user: { waId: "5511912345678" },
      category: "marketing_messages",
      value: "stop",
      at: new Date(1781020100_000),
    });
  });

  it("when a field is not handled yet, it becomes an unknown event that names the field and keeps the value", () => {
    const value = { business_username: "loja.sol" };
    expect(only(field("business_username_update", value))).toMatchObject({
      kind: "unknown",
      reason: 'entry[0].changes[0].value: field "business_username_update" is not handled',
      raw: value,
    });
  });

  it("when a handled field is malformed, the unknown event names the missing member", () => {
    expect(only(field("message_template_status_update", { event: "APPROVED" }))).toMatchObject({
      kind: "unknown",
      reason: expect.stringContaining("entry[0].changes[0].value.message_template_id"),
    });
  });
});
