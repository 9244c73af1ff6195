import type { OutboundRecord, OutboundStatus, WebhookErrorObject } from "../../state.ts";

/** Per-message pricing (PMP) block of `sent` / `delivered` statuses. */
export interface Pricing {
  billable: boolean;
  pricing_model: "PMP";
  type: "regular" | "free_customer_service" | "free_entry_point";
  category: string;
}

/** A free-entry-point conversation block; since v24 Meta only sends `conversation` inside such a window. */
export interface Conversation {
  id: string;
  expiration_timestamp?: string;
  origin: { type: string };
}

/** Builds one `statuses[]` item (meta-cloud-api.md §4.6). */
export function buildStatus({
  record,
  status,
  atMs,
  pricing,
  conversation,
  errors,
}: {
  record: OutboundRecord;
  status: OutboundStatus;
  atMs: number;
  pricing?: Pricing;
  conversation?: Conversation;
  errors?: WebhookErrorObject[];
}): Record<string, unknown> {
  const opaque = record.body.biz_opaque_callback_data;
  return {
    id: record.wamid,
    status,
    timestamp: String(Math.floor(atMs / 1000)),
    ...(record.waId === undefined ? {} : { recipient_id: record.waId }),
    ...(record.userId === undefined ? {} : { recipient_user_id: record.userId }),
    ...(typeof opaque === "string" ? { biz_opaque_callback_data: opaque } : {}),
    ...(conversation ? { conversation } : {}),
    ...(pricing ? { pricing } : {}),
    ...(errors ? { errors } : {}),
  };
}
