import { randomBytes } from "node:crypto";
import type { WindowState } from "../rules/window.ts";
import type { TemplateCategory } from "../state.ts";
import type { Conversation, Pricing } from "../webhooks/payloads/status.ts";

const FREE_ENTRY_POINT_MS = 72 * 60 * 60 * 1000;

/**
 * Per-message pricing of a send (meta-cloud-api.md §4.6, §5.2–5.3): free-form messages inside the window are free
 * service messages; utility templates inside the window are free; other templates are charged by category; replies
 * to a Click-to-WhatsApp ad conversation are free-entry-point, the one case where v24+ still sends `conversation`.
 */
export function pricingFor({
  templateCategory,
  window,
  atMs,
}: {
  templateCategory?: TemplateCategory;
  window: WindowState;
  atMs: number;
}): { pricing: Pricing; conversation?: Conversation } {
  if (window.open && window.viaReferral) {
    return {
      pricing: { billable: false, pricing_model: "PMP", type: "free_entry_point", category: "referral_conversion" },
      conversation: {
        id: randomBytes(16).toString("hex"),
        expiration_timestamp: String(Math.floor((atMs + FREE_ENTRY_POINT_MS) / 1000)),
        origin: { type: "referral_conversion" },
      },
    };
  }
  if (!templateCategory) return { pricing: { billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" } };
  const category = templateCategory.toLowerCase();
  if (templateCategory === "UTILITY" && window.open)
    return { pricing: { billable: false, pricing_model: "PMP", type: "free_customer_service", category } };
  return { pricing: { billable: true, pricing_model: "PMP", type: "regular", category } };
}
