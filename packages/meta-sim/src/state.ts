import type { MediaKind } from "./rules/media-limits.ts";

/** A business phone number the simulator hosts. */
export interface PhoneNumberRecord {
  id: string;
  wabaId: string;
  /** As configured (may be formatted, e.g. `+55 11 95555-0000`); webhooks carry its digits only. */
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: "GREEN" | "YELLOW" | "RED";
}

/** A WhatsApp Business Account and the numbers it holds. */
export interface BusinessAccountRecord {
  wabaId: string;
  name: string;
  phoneNumberIds: string[];
}

/** Stored media, uploaded by the business or sent by a customer. */
export interface MediaRecord {
  id: string;
  bytes: Buffer;
  mimeType: string;
  kind: MediaKind;
  sha256Hex: string;
  sha256Base64: string;
  filename?: string;
  origin: "business" | "customer";
  phoneNumberId?: string;
  createdAtMs: number;
}

/** Template review states Meta reports (meta-cloud-api.md §3); only `APPROVED` can be sent. */
export type TemplateStatus = "APPROVED" | "PENDING" | "REJECTED" | "PAUSED" | "DISABLED" | "IN_APPEAL" | "FLAGGED";

/** Template categories Meta bills by. */
export type TemplateCategory = "MARKETING" | "UTILITY" | "AUTHENTICATION";

/** A template component as Meta stores and lists it (creation-side, upper-case `type`). */
export type TemplateComponent = { type: string } & Record<string, unknown>;

/** One template translation: Meta keys templates by (name, language), each with its own id. */
export interface TemplateRecord {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  status: TemplateStatus;
  category: TemplateCategory;
  parameterFormat: "POSITIONAL" | "NAMED";
  components: TemplateComponent[];
  rejectedReason?: string;
}

/** Outbound delivery states, as status webhooks name them. */
export type OutboundStatus = "sent" | "delivered" | "read" | "played" | "failed";

/** An error object as Meta puts it in `statuses[].errors`. */
export interface WebhookErrorObject {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
}

/** One status the simulator reported for an outbound message. */
export interface StatusEntry {
  status: OutboundStatus;
  atMs: number;
  errors?: WebhookErrorObject[];
}

/** A message the business sent through `POST /{phone-number-id}/messages`. */
export interface OutboundRecord {
  wamid: string;
  phoneNumberId: string;
  /** `to` (or `recipient`) exactly as the business sent it. */
  input: string;
  waId?: string;
  userId?: string;
  type: string;
  /** The request body as received. */
  body: Record<string, unknown>;
  acceptedAtMs: number;
  statuses: StatusEntry[];
}

/** A message a simulated customer sent. */
export interface InboundRecord {
  wamid: string;
  phoneNumberId: string;
  from?: string;
  userId?: string;
  type: string;
  atMs: number;
  /** The `messages[]` item as delivered in the webhook. */
  message: Record<string, unknown>;
}

/** A mark-as-read (optionally with typing indicator) the business sent. */
export interface ReadMark {
  phoneNumberId: string;
  messageId: string;
  typing: boolean;
  atMs: number;
}

/** Everything the simulated Meta remembers. Rules that keep their own counters (window, rates, faults) live beside it. */
export interface SimState {
  accounts: Map<string, BusinessAccountRecord>;
  phoneNumbers: Map<string, PhoneNumberRecord>;
  media: Map<string, MediaRecord>;
  templates: Map<string, TemplateRecord>;
  outbound: Map<string, OutboundRecord>;
  inbound: Map<string, InboundRecord>;
  reads: ReadMark[];
}

/** Creates the state for a set of accounts; templates are seeded separately. */
export function createState({
  accounts,
  phoneNumbers,
}: {
  accounts: BusinessAccountRecord[];
  phoneNumbers: PhoneNumberRecord[];
}): SimState {
  return {
    accounts: new Map(accounts.map((a) => [a.wabaId, a])),
    phoneNumbers: new Map(phoneNumbers.map((p) => [p.id, p])),
    media: new Map(),
    templates: new Map(),
    outbound: new Map(),
    inbound: new Map(),
    reads: [],
  };
}

/** Forgets every message, media, read mark and template; accounts and numbers stay. */
export function clearState(state: SimState): void {
  state.media.clear();
  state.templates.clear();
  state.outbound.clear();
  state.inbound.clear();
  state.reads.length = 0;
}

/** Digits of a phone number, the form WhatsApp ids and webhook metadata use. */
export const digitsOf = (phone: string): string => phone.replace(/\D/g, "");

/** Outbound messages sent to a customer, by wa_id or BSUID, oldest first. */
export function outboundTo(state: SimState, customer: string): OutboundRecord[] {
  const key = customer.startsWith("+") ? digitsOf(customer) : customer;
  return [...state.outbound.values()].filter((m) => m.waId === key || m.userId === key);
}

/** Inbound messages from a customer, by wa_id or BSUID, oldest first. */
export function inboundFrom(state: SimState, customer: string): InboundRecord[] {
  const key = customer.startsWith("+") ? digitsOf(customer) : customer;
  return [...state.inbound.values()].filter((m) => m.from === key || m.userId === key);
}
