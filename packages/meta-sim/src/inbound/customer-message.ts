/** Media a simulated customer sends. Without `data`, a small placeholder file of the right type is used. */
export interface CustomerMedia {
  caption?: string;
  mimeType?: string;
  /** The file, base64-encoded. */
  data?: string;
  filename?: string;
}

/** Fields every customer message may carry. */
export interface CustomerMessageBase {
  /** The customer's phone number (digits, `+` allowed). Omit it, with `userId` set, for a username (BSUID-only) user. */
  from?: string;
  /** Profile name shown in `contacts[].profile.name`. */
  name?: string;
  /** Business-scoped user id, e.g. `BR.7730019284465512`. */
  userId?: string;
  /** The business number written to; default the first one. */
  phoneNumberId?: string;
  /** Unix seconds; default now. Backdate it to open a window that is already closed. */
  timestamp?: number;
  /** Reply to (quote) a message. `from` defaults to the business number. */
  context?: { id: string; from?: string };
  /** Marks the message forwarded (`true`) or frequently forwarded (`"frequently"`). */
  forwarded?: boolean | "frequently";
  /** Click-to-WhatsApp ad referral: `true` for a realistic default, or Meta's referral object. */
  referral?: true | Record<string, unknown>;
}

/** An interactive reply a customer can send. */
export type CustomerInteractive =
  | { type: "button_reply"; id: string; title: string }
  | { type: "list_reply"; id: string; title: string; description?: string }
  /** A completed Flow; `response` becomes the `response_json` string. */
  | { type: "nfm_reply"; response: Record<string, unknown> | string; name?: string; body?: string };

/** The content of a customer message, one variant per inbound type (meta-cloud-api.md §4.5). */
export type CustomerMessageContent =
  | { type: "text"; text: string }
  | { type: "image"; image?: CustomerMedia }
  | { type: "audio"; audio?: CustomerMedia & { voice?: boolean } }
  | { type: "video"; video?: CustomerMedia }
  | { type: "document"; document?: CustomerMedia }
  | { type: "sticker"; sticker?: CustomerMedia & { animated?: boolean } }
  | { type: "location"; location: { latitude: number; longitude: number; name?: string; address?: string; url?: string } }
  /** Contact cards in Meta's own shape (`name.formatted_name`, `phones[]`, …). */
  | { type: "contacts"; contacts: Record<string, unknown>[] }
  | { type: "interactive"; interactive: CustomerInteractive }
  /** A tap on a template quick-reply button; `payload` defaults to `text`. */
  | { type: "button"; button: { text: string; payload?: string } }
  /** Omit `emoji` to remove a reaction. */
  | { type: "reaction"; reaction: { messageId: string; emoji?: string } }
  | {
      type: "order";
      order: {
        catalogId: string;
        text?: string;
        productItems: { productRetailerId: string; quantity: number; itemPrice: number; currency: string }[];
      };
    }
  | { type: "request_welcome" }
  /** `user_changed_number`: the customer moved to `newWaId`. */
  | { type: "system"; system: { newWaId: string; body?: string } }
  /** Something Meta cannot show (a poll, an edit…), reported with error 131051. */
  | { type: "unsupported"; unsupported?: { type: string } };

/**
 * A message from a simulated customer: `POST /_sim/customers/messages` takes this as JSON, and
 * `sim.sendAsCustomer` takes it as an object.
 *
 * @example
 * await sim.sendAsCustomer({ from: "5511912345678", name: "Lia", type: "text", text: "Olá!" });
 * await sim.sendAsCustomer({ from: "5511912345678", type: "interactive", interactive: { type: "button_reply", id: "ok", title: "Confirmar" } });
 */
export type CustomerMessageInput = CustomerMessageBase & CustomerMessageContent;

/** Every inbound type the simulator can produce. */
export const CUSTOMER_MESSAGE_TYPES: readonly CustomerMessageContent["type"][] = [
  "text",
  "image",
  "audio",
  "video",
  "document",
  "sticker",
  "location",
  "contacts",
  "interactive",
  "button",
  "reaction",
  "order",
  "request_welcome",
  "system",
  "unsupported",
];
