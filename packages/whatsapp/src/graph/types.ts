/**
 * Public types of the Graph client: options and the camelCase results of each call.
 *
 * @module
 */

/** A string union that still accepts values Meta adds later, without losing editor completion. */
type Open<T extends string> = T | (string & Record<never, never>);

/** Options of `createWhatsAppClient`. Nothing is read from the environment: pass everything in. */
export interface WhatsAppClientOptions {
  /** System-user or business-integration token; sent as `Authorization: Bearer` on every call, media downloads included. */
  accessToken: string;
  /** Default sender for `send`, `markAsRead`, `uploadMedia`, `getPhoneNumber`; each call may override it. */
  phoneNumberId?: string;
  /** Defaults to `https://graph.facebook.com`; point it at the simulator in tests. */
  baseUrl?: string;
  /** Defaults to `v24.0`. */
  apiVersion?: string;
  /** Defaults to the global `fetch`; inject a fake in tests. */
  fetch?: typeof fetch;
  /** Per request, body included. Defaults to 30 000 ms. */
  timeoutMs?: number;
}

/** Overrides the client's default phone-number id for one call. */
export interface PhoneNumberScope {
  phoneNumberId?: string;
}

/** What Meta answers a send with: it only **accepted** the message; delivery comes later in status webhooks. */
export interface SendResult {
  /** Persist it before the first status webhook can arrive. */
  wamid: string;
  /** Canonical WhatsApp id of the recipient; may differ from `input` (Brazil 9th digit, Mexico `521`). */
  waId?: string;
  /** Business-scoped user id, for sends to a BSUID. */
  userId?: string;
  /** The recipient as sent. */
  input: string;
  /** `held_for_quality_assessment` means template pacing: released later, or failed with 132015. */
  messageStatus: Open<"accepted" | "held_for_quality_assessment">;
}

/** `{ success: true }` answers (mark as read, typing indicator, deletes). */
export interface SuccessResult {
  success: true;
}

/** Metadata of an uploaded or received media object. */
export interface MediaInfo {
  id: string;
  /** Short-lived (5 minutes) download URL; needs the bearer token. */
  url: string;
  mimeType: string;
  /** As Meta wrote it: hex or base64. */
  sha256: string;
  fileSize: number;
}

/** A downloaded media file, checked against Meta's sha256. */
export interface DownloadedMedia {
  data: Uint8Array;
  mimeType: string;
  sha256: string;
  fileSize: number;
}

/** Template categories; Meta may re-categorise a template after review. */
export type TemplateCategory = "MARKETING" | "UTILITY" | "AUTHENTICATION";

/** Template review states; only `APPROVED` templates can be sent. */
export type TemplateStatus = Open<
  | "APPROVED"
  | "PENDING"
  | "REJECTED"
  | "PAUSED"
  | "DISABLED"
  | "IN_APPEAL"
  | "FLAGGED"
  | "PENDING_DELETION"
  | "DELETED"
  | "ARCHIVED"
  | "LIMIT_EXCEEDED"
  | "LOCKED"
  | "REINSTATED"
>;

/** A template component as Meta stores it (upper-case `type`); unknown members pass through untouched. */
export interface TemplateDefinitionComponent {
  type: Open<"HEADER" | "BODY" | "FOOTER" | "BUTTONS">;
  format?: Open<"TEXT" | "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION">;
  text?: string;
  buttons?: Record<string, unknown>[];
  example?: Record<string, unknown>;
  [member: string]: unknown;
}

/** A message template of a WhatsApp Business Account. */
export interface MessageTemplate {
  id: string;
  name: string;
  status: TemplateStatus;
  category: Open<TemplateCategory>;
  /** e.g. `pt_BR`. */
  language: string;
  components: TemplateDefinitionComponent[];
  parameterFormat?: Open<"POSITIONAL" | "NAMED">;
}

/** A page of templates; pass `nextCursor` as `after` for the next page. */
export interface TemplatePage {
  data: MessageTemplate[];
  nextCursor?: string;
}

/** Meta's answer to a template creation. */
export interface CreatedTemplate {
  id: string;
  status: TemplateStatus;
  category: Open<TemplateCategory>;
}

/** A business phone number's profile and health. */
export interface PhoneNumberInfo {
  id: string;
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: Open<"GREEN" | "YELLOW" | "RED" | "UNKNOWN">;
  codeVerificationStatus?: string;
  nameStatus?: string;
  platformType?: string;
  throughputLevel?: string;
  /** Unique customers the number may start conversations with per rolling 24 h (`TIER_250`, `TIER_2K`, …, `TIER_UNLIMITED`). */
  messagingLimitTier?: string;
}
