import type { DeliveryStatus } from "../status-order.ts";
import type { EventSource, StatusEvent, UnknownEvent } from "./events.ts";
import { compact, errorsOf } from "./normalize-message.ts";
import { formatIssues, type RawContact, statusSchema } from "./schema.ts";
import { parseUnixSeconds } from "./timestamps.ts";

const STATUSES = new Set<string>(["sent", "delivered", "read", "played", "failed"]);

/** One entry of `value.statuses[]` → a status event; unknown status words (e.g. On-Premises `deleted`) become `unknown`. */
export function normalizeStatus({
  raw,
  path,
  source,
  contacts,
}: {
  raw: unknown;
  path: string;
  source: EventSource;
  contacts: RawContact[];
}): StatusEvent | UnknownEvent {
  const parsed = statusSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = formatIssues(parsed.error, path)[0];
    return { kind: "unknown", source, reason: issue ? `${issue.path}: ${issue.message}` : path, raw };
  }
  const s = parsed.data;
  if (!STATUSES.has(s.status)) return { kind: "unknown", source, reason: `${path}.status: unknown status "${s.status}"`, raw };
  const timestamp = parseUnixSeconds(s.timestamp);
  if (!timestamp) return { kind: "unknown", source, reason: `${path}.timestamp: not unix seconds`, raw };

  // From 2026 statuses may carry a contacts[] entry with the recipient's BSUID data.
  const contact = contacts.find(
    (c) => (s.recipient_id && c.wa_id === s.recipient_id) || (s.recipient_user_id && c.user_id === s.recipient_user_id),
  );
  const event: StatusEvent = {
    kind: "status",
    source,
    wamid: s.id,
    status: s.status as DeliveryStatus,
    timestamp,
    recipient: compact({
      waId: s.recipient_id,
      userId: s.recipient_user_id ?? contact?.user_id,
      parentUserId: s.recipient_parent_user_id,
      name: contact?.profile?.name || undefined,
    }),
    errors: errorsOf(s.errors),
    raw,
  };
  if (s.recipient_type) event.recipientType = s.recipient_type;
  if (s.biz_opaque_callback_data) event.bizOpaqueCallbackData = s.biz_opaque_callback_data;
  if (s.conversation) {
    event.conversation = compact({
      id: s.conversation.id,
      expiresAt: parseUnixSeconds(s.conversation.expiration_timestamp) ?? undefined,
      originType: s.conversation.origin?.type,
    });
  }
  if (s.pricing) {
    event.pricing = compact({
      model: s.pricing.pricing_model,
      billable: s.pricing.billable,
      category: s.pricing.category,
      type: s.pricing.type,
    });
  }
  return event;
}
