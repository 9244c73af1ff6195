/**
 * The shared vocabulary of template variables (what a template asks for) and of mappings (where each value comes from
 * when one template goes to many contacts). Campaigns store a mapping; `bind.ts` turns template + mapping + contact
 * (+ a CSV row's values) into the API's template send body.
 */

/** What kind of value a variable takes. */
export type TemplateVariableKind =
  | "text"
  | "currency"
  | "date_time"
  | "image"
  | "video"
  | "document"
  | "location"
  /** A quick-reply button's payload (comes back in the customer's reply). */
  | "payload"
  /** A URL button's dynamic suffix. */
  | "url_suffix"
  /** A copy-code button's coupon. */
  | "coupon_code"
  /** A flow button's token. */
  | "flow_token";

/**
 * One value a template needs. `key` is stable and readable: `header.1`, `header.media`, `header.location`,
 * `body.1` / `body.first_name` (positional / named), `button.<index>`.
 */
export interface TemplateVariable {
  key: string;
  component: "header" | "body" | "button";
  /** The positional number ("1") or the parameter name ("first_name"); the button's index for buttons. */
  name: string;
  kind: TemplateVariableKind;
  /** Meta's example for it, when the template has one. */
  example?: string;
  /** For buttons: the 0-based position among the template's buttons. */
  buttonIndex?: number;
  /**
   * Optional in bulk use: a quick-reply payload defaults to the button's text, a flow token to "unused"; everything
   * else must be mapped.
   */
  optional?: boolean;
}

/** Contact fields a variable can be filled from. */
export const contactFields = ["name", "first_name", "phone", "email"] as const;
export type ContactField = (typeof contactFields)[number];

/** Where one variable's value comes from. */
export type VariableSource =
  /** A field of the contact (`name` ← the contact's name). `fallback` when the contact lacks it. */
  | { source: "contact"; field: ContactField; fallback?: string }
  /** A custom attribute of the contact. */
  | { source: "attribute"; attribute: string; fallback?: string }
  /** A column of the uploaded CSV (campaigns with a CSV audience). */
  | { source: "csv"; column: string; fallback?: string }
  /** The same text for everyone. */
  | { source: "fixed"; value: string }
  /** A stored media (POST /api/v1/media) for a media header. */
  | { source: "media"; mediaId: string }
  /** A link to the media for a media header. */
  | { source: "link"; url: string; filename?: string };

/** Variable key → source. */
export type TemplateMapping = Record<string, VariableSource>;
