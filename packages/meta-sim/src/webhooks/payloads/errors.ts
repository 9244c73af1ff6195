import { lookupErrorCode } from "@papo/whatsapp";
import type { WebhookErrorObject } from "../../state.ts";

const ERROR_CODES_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

/** An `errors[]` item as Meta puts it in failed statuses and unsupported messages (`message` repeats `title`). */
export function webhookError({ code, details, title }: { code: number; details: string; title?: string }): WebhookErrorObject {
  const resolved = title ?? lookupErrorCode(code)?.title ?? "Unknown error";
  return { code, title: resolved, message: resolved, error_data: { details }, href: ERROR_CODES_HREF };
}
