import type { DeliveryStatus } from "../status-order.ts";

/** Where an event came from: the WhatsApp Business Account (`entry.id`) and, for number-level fields, the number. */
export interface EventSource {
  /** `entry[].id`: the WABA id. Never route by it; route by `phoneNumberId`. */
  wabaId: string;
  /** `metadata.phone_number_id`: the business number the event belongs to. Absent on account-level fields. */
  phoneNumberId?: string;
  displayPhoneNumber?: string;
  /** The webhook field (`messages`, `message_template_status_update`, …). */
  field: string;
}

/**
 * A WhatsApp user. Identified by `waId` (usually E.164 digits without `+`), by the business-scoped user id
 * (`userId`, e.g. `BR.7730019284465512`, for users who hide their number behind a username), or both.
 * Never "fix" a `waId` (Brazil's 9th digit, Mexico's 521): it is the key WhatsApp uses.
 */
export interface WhatsAppUser {
  waId?: string;
  userId?: string;
  parentUserId?: string;
  /** Profile name; missing in some payloads (no `profile`, or empty name). */
  name?: string;
  username?: string;
  identityKeyHash?: string;
}

/** An error object as Meta puts it in `errors[]` (value level, inbound message or failed status). */
export interface EventError {
  code: number;
  title: string;
  message?: string;
  details?: string;
  href?: string;
}

export interface MediaRef {
  /** Media id to download through the Graph API (valid 7 days for inbound media). */
  id: string;
  mimeType?: string;
  /** As sent by Meta: base64 in current payloads, hex in some older examples. */
  sha256?: string;
  /** Short-lived (5 min) lookaside URL, sent since Oct 2025; still needs the bearer token. */
  url?: string;
  caption?: string;
  filename?: string;
}

export interface ContactCard {
  name: { formattedName: string; firstName?: string; lastName?: string; middleName?: string; prefix?: string; suffix?: string };
  phones: Array<{ phone?: string; waId?: string; type?: string }>;
  emails: Array<{ email?: string; type?: string }>;
  addresses: Array<{ street?: string; city?: string; state?: string; zip?: string; country?: string; countryCode?: string; type?: string }>;
  urls: Array<{ url?: string; type?: string }>;
  org?: { company?: string; department?: string; title?: string };
  birthday?: string;
}

export interface Referral {
  sourceUrl?: string;
  sourceId?: string;
  sourceType?: string;
  body?: string;
  headline?: string;
  mediaType?: string;
  imageUrl?: string;
  videoUrl?: string;
  thumbnailUrl?: string;
  /** Click id of a Click-to-WhatsApp ad; omitted for WhatsApp Status placements. */
  ctwaClid?: string;
  welcomeMessageText?: string;
}

export interface MessageContext {
  /** The quoted message, when the customer replied to one (or tapped a button of it). */
  replyTo?: { wamid: string; from?: string };
  forwarded: boolean;
  /** Forwarded more than five times. */
  frequentlyForwarded: boolean;
  referredProduct?: { catalogId?: string; productRetailerId?: string };
}

export type InteractiveReply =
  | { type: "button_reply"; id: string; title: string }
  | { type: "list_reply"; id: string; title: string; description?: string }
  | {
      /** A WhatsApp Flow (or address message) was completed. */
      type: "nfm_reply";
      name?: string;
      body?: string;
      /** `response_json` as sent: a JSON string. */
      responseJson: string;
      /** `response_json` parsed; `null` when it is not a JSON object. */
      response: Record<string, unknown> | null;
      flowToken?: string;
    };

export interface OrderItem {
  productRetailerId: string;
  quantity: number;
  itemPrice: number;
  currency: string;
}

/** What the customer sent, one variant per WhatsApp message type. */
export type InboundContent =
  | { type: "text"; body: string }
  | { type: "image"; media: MediaRef }
  | { type: "video"; media: MediaRef }
  | { type: "document"; media: MediaRef }
  | { type: "audio"; media: MediaRef /** Recorded as a voice note (push-to-talk). */; voice: boolean }
  | { type: "sticker"; media: MediaRef; animated: boolean }
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string; url?: string }
  | { type: "contacts"; contacts: ContactCard[] }
  | { type: "interactive"; reply: InteractiveReply }
  | { /** Tap on a template quick-reply button. */ type: "button"; payload: string; text: string }
  | { /** `emoji: null` means the customer removed their reaction. */ type: "reaction"; targetWamid: string; emoji: string | null }
  | { type: "order"; catalogId?: string; text?: string; items: OrderItem[] }
  | {
      type: "system";
      /** `user_changed_number`, `user_changed_user_id`, legacy `customer_changed_number` / `customer_identity_changed`. */
      systemType: string;
      body?: string;
      /** The customer's new WhatsApp id after a number change. */
      newWaId?: string;
      newUserId?: string;
    }
  | { /** The user opened the chat for the first time; opens the service window. */ type: "request_welcome" }
  | {
      /** A message Meta itself cannot show (`unsupported`, legacy `unknown`); see `errors`. */ type: "unsupported";
      reportedType: string;
      unsupportedType?: string;
    }
  | { /** Coexistence numbers only. */ type: "revoke"; originalWamid: string }
  | { /** Coexistence numbers only. */ type: "edit"; originalWamid: string; edited: InboundContent | null }
  | { /** A type this library does not know yet; kept whole so nothing is lost. */ type: "unknown"; reportedType: string; raw: unknown };

export type InboundMessageType = InboundContent["type"];

/** An inbound message from a customer. */
export interface InboundMessageEvent {
  kind: "message";
  source: EventSource;
  wamid: string;
  timestamp: Date;
  from: WhatsAppUser;
  content: InboundContent;
  context?: MessageContext;
  referral?: Referral;
  /** Present when Meta could not process (part of) the message, e.g. 131051 unsupported, 131052 media too large. */
  errors: EventError[];
  raw: unknown;
}

export type PricingInfo = {
  /** `CBP` (conversation-based, before July 2025) or `PMP` (per message). */
  model?: string;
  billable?: boolean;
  category?: string;
  /** PMP only: `regular`, `free_customer_service`, `free_entry_point`. */
  type?: string;
};

/** A delivery report for a message the business sent. */
export interface StatusEvent {
  kind: "status";
  source: EventSource;
  wamid: string;
  status: DeliveryStatus;
  timestamp: Date;
  recipient: WhatsAppUser;
  recipientType?: string;
  bizOpaqueCallbackData?: string;
  conversation?: { id: string; expiresAt?: Date; originType?: string };
  pricing?: PricingInfo;
  errors: EventError[];
  raw: unknown;
}

/** `value.errors`: a problem at app, account or number level not tied to one message. */
export interface ValueErrorEvent {
  kind: "error";
  source: EventSource;
  errors: EventError[];
  raw: unknown;
}

export interface TemplateStatusEvent {
  kind: "template_status";
  source: EventSource;
  /** `entry[].time` (or the value's own timestamp); `null` when Meta sent none. */
  at: Date | null;
  /** `APPROVED`, `REJECTED`, `PAUSED`, `DISABLED`, `FLAGGED`, `PENDING_DELETION`, … */
  event: string;
  templateId: string;
  templateName: string;
  language: string;
  reason?: string;
  category?: string;
  raw: unknown;
}

export interface TemplateQualityEvent {
  kind: "template_quality";
  source: EventSource;
  /** `entry[].time` (or the value's own timestamp); `null` when Meta sent none. */
  at: Date | null;
  templateId: string;
  templateName: string;
  language: string;
  previousScore?: string;
  newScore?: string;
  raw: unknown;
}

export interface TemplateCategoryEvent {
  kind: "template_category";
  source: EventSource;
  /** `entry[].time` (or the value's own timestamp); `null` when Meta sent none. */
  at: Date | null;
  templateId: string;
  templateName: string;
  language: string;
  previousCategory?: string;
  newCategory?: string;
  raw: unknown;
}

export interface AccountUpdateEvent {
  kind: "account_update";
  source: EventSource;
  /** `entry[].time` (or the value's own timestamp); `null` when Meta sent none. */
  at: Date | null;
  /** `ACCOUNT_VIOLATION`, `DISABLED_UPDATE`, `ACCOUNT_DELETED`, `PARTNER_ADDED`, … */
  event: string;
  raw: unknown;
}

export interface PhoneNumberQualityEvent {
  kind: "phone_number_quality";
  source: EventSource;
  /** `entry[].time` (or the value's own timestamp); `null` when Meta sent none. */
  at: Date | null;
  displayPhoneNumber?: string;
  event: string;
  currentLimit?: string;
  oldLimit?: string;
  raw: unknown;
}

/** A user's marketing preference (`stop` must be honoured). */
export interface UserPreferenceEvent {
  kind: "user_preference";
  source: EventSource;
  /** `entry[].time` (or the value's own timestamp); `null` when Meta sent none. */
  at: Date | null;
  user: WhatsAppUser;
  category: string;
  value: string;
  detail?: string;
  raw: unknown;
}

/** Anything this library does not understand, kept whole. Never an exception. */
export interface UnknownEvent {
  kind: "unknown";
  source?: EventSource;
  /** Why it is unknown: an unhandled field, or the path and problem of the part that did not match. */
  reason: string;
  raw: unknown;
}

export type WebhookEvent =
  | InboundMessageEvent
  | StatusEvent
  | ValueErrorEvent
  | TemplateStatusEvent
  | TemplateQualityEvent
  | TemplateCategoryEvent
  | AccountUpdateEvent
  | PhoneNumberQualityEvent
  | UserPreferenceEvent
  | UnknownEvent;

export type WebhookEventKind = WebhookEvent["kind"];
