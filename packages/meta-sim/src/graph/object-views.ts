import type { SimContext } from "../context.ts";
import type { BusinessAccountRecord, PhoneNumberRecord } from "../state.ts";

const DEFAULT_PHONE_FIELDS = [
  "verified_name",
  "code_verification_status",
  "display_phone_number",
  "quality_rating",
  "platform_type",
  "throughput",
  "webhook_configuration",
  "id",
];

/** Restricts a Graph object to the `fields` asked for (comma-separated); `id` always stays. */
export function pickFields(full: Record<string, unknown>, fields: unknown, defaults: readonly string[]): Record<string, unknown> {
  const wanted = typeof fields === "string" && fields.trim() !== "" ? [...fields.split(",").map((f) => f.trim()), "id"] : defaults;
  return Object.fromEntries(wanted.filter((key) => full[key] !== undefined).map((key) => [key, full[key]]));
}

/** `GET /{phone-number-id}`: the number as Meta describes it. */
export function phoneNumberView(ctx: SimContext, phoneNumber: PhoneNumberRecord, fields: unknown): Record<string, unknown> {
  const full: Record<string, unknown> = {
    verified_name: phoneNumber.verifiedName,
    code_verification_status: "VERIFIED",
    display_phone_number: phoneNumber.displayPhoneNumber,
    quality_rating: phoneNumber.qualityRating,
    platform_type: "CLOUD_API",
    throughput: { level: ctx.config.throughputPerSecond >= 1_000 ? "HIGH" : "STANDARD" },
    webhook_configuration: { application: ctx.config.webhookUrl ?? "" },
    name_status: "APPROVED",
    status: "CONNECTED",
    account_mode: "LIVE",
    is_official_business_account: false,
    messaging_limit_tier: "TIER_2K",
    whatsapp_business_manager_messaging_limit: "TIER_2K",
    id: phoneNumber.id,
  };
  return pickFields(full, fields, DEFAULT_PHONE_FIELDS);
}

/** `GET /{waba-id}`: the account's basic fields. */
export function businessAccountView(account: BusinessAccountRecord, fields: unknown): Record<string, unknown> {
  const full: Record<string, unknown> = {
    id: account.wabaId,
    name: account.name,
    currency: "BRL",
    timezone_id: "25",
    message_template_namespace: `sim_${account.wabaId.slice(-8)}`,
  };
  return pickFields(full, fields, ["id", "name", "currency", "timezone_id", "message_template_namespace"]);
}
