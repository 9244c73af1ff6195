import type { SendMessageBody } from "../messages/schemas.ts";
import type { TemplateMapping, TemplateVariable, VariableSource } from "./mapping.ts";
import { buttonsOf, type TemplateShape, variablesOf } from "./variables.ts";

/** The API's template send body (`POST /api/v1/conversations/:id/messages`). */
export type TemplateSendBody = Extract<SendMessageBody, { type: "template" }>;
type SendComponent = NonNullable<TemplateSendBody["components"]>[number];
type SendParameter = Extract<SendComponent, { parameters: unknown }>["parameters"][number];

/** The contact a template goes to, as far as a mapping can read it. */
export interface BindContact {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  attributes?: Record<string, unknown> | null;
}

export interface BindInput {
  template: TemplateShape & { name: string; language: string };
  mapping: TemplateMapping;
  contact: BindContact;
  /** The recipient's CSV row (campaigns with a CSV audience), column → value. */
  row?: Record<string, string>;
  /**
   * The template's variables when the caller already has them (one template, many recipients) or retyped them
   * (Meta cannot tell a `currency` or `date_time` body variable from text). Defaults to `variablesOf(template)`.
   */
  variables?: readonly TemplateVariable[];
}

export type BindResult = { ok: true; body: TemplateSendBody } | { ok: false; missing: string[] };

/** Meta refuses parameters with new lines, tabs or more than four spaces in a row (132018): contact data often has them. */
const cleanText = (value: string): string =>
  value
    .replace(/[\r\n\t]+/g, " ")
    .replace(/ {5,}/g, "    ")
    .trim();

function scalar(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function contactField(contact: BindContact, field: string): string | undefined {
  switch (field) {
    case "name":
      return contact.name ?? undefined;
    case "first_name":
      return contact.name?.trim().split(/\s+/)[0];
    case "phone":
      return contact.phone ?? undefined;
    case "email":
      return contact.email ?? undefined;
    default:
      return undefined;
  }
}

const present = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== "" ? value : undefined);

/** A text-like source's value, falling back when the contact or row lacks it; undefined when nothing is left. */
function textOf(source: VariableSource, input: BindInput): string | undefined {
  switch (source.source) {
    case "contact":
      return present(contactField(input.contact, source.field)) ?? present(source.fallback);
    case "attribute":
      return present(scalar(input.contact.attributes?.[source.attribute])) ?? present(source.fallback);
    case "csv":
      return present(input.row?.[source.column]) ?? present(source.fallback);
    case "fixed":
      return present(source.value);
    default:
      return undefined;
  }
}

/** `BRL 12.50`, `12,50 BRL` → Meta's currency parameter; the text itself is what older clients show. */
function currencyOf(text: string): Extract<SendParameter, { type: "currency" }> | undefined {
  const match = /^\s*(?:([A-Za-z]{3})\s*([0-9.,]+)|([0-9.,]+)\s*([A-Za-z]{3}))\s*$/.exec(text);
  const code = match?.[1] ?? match?.[4];
  const raw = match?.[2] ?? match?.[3];
  if (code === undefined || raw === undefined) return undefined;
  // The last separator is the decimal one when two or fewer digits follow it ("1.234,56", "1,234.56", "12,5").
  const decimal = /[.,](\d{1,2})$/.exec(raw);
  const whole = decimal ? raw.slice(0, decimal.index) : raw;
  const amount = Number(`${whole.replace(/[.,]/g, "")}.${decimal?.[1] ?? "0"}`);
  if (!Number.isFinite(amount)) return undefined;
  return { type: "currency", fallbackValue: text, code: code.toUpperCase(), amount1000: Math.round(amount * 1000) };
}

/** `lat,lng` or `lat,lng|name|address`. */
function locationOf(text: string): SendParameter | undefined {
  const [coordinates = "", name, address] = text.split("|").map((part) => part.trim());
  const [latitude, longitude] = coordinates.split(",").map((part) => Number(part.trim()));
  if (latitude === undefined || longitude === undefined || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { type: "location", latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
}

function mediaOf(variable: TemplateVariable, source: VariableSource): SendParameter | undefined {
  const type = variable.kind;
  if (type !== "image" && type !== "video" && type !== "document") return undefined;
  if (source.source === "media") return { type, mediaId: source.mediaId };
  if (source.source === "link") {
    return type === "document" && source.filename ? { type, link: source.url, filename: source.filename } : { type, link: source.url };
  }
  return undefined;
}

/** A header/body parameter for one variable, named when the template's parameters are. */
function parameterOf(variable: TemplateVariable, source: VariableSource, input: BindInput): SendParameter | undefined {
  if (variable.kind === "image" || variable.kind === "video" || variable.kind === "document") return mediaOf(variable, source);
  const text = textOf(source, input);
  if (text === undefined) return undefined;
  const named = /^[0-9]+$/.test(variable.name) ? {} : { parameterName: variable.name };
  if (variable.kind === "location") return locationOf(text);
  if (variable.kind === "currency") {
    const currency = currencyOf(text);
    return currency === undefined ? undefined : { ...currency, ...named };
  }
  if (variable.kind === "date_time") return { type: "date_time", fallbackValue: cleanText(text), ...named };
  return { type: "text", text: cleanText(text), ...named };
}

/** The button component for one variable; optional ones default (payload ← the button's label, flow token ← "unused"). */
function buttonOf(variable: TemplateVariable, source: VariableSource | undefined, input: BindInput): SendComponent | undefined {
  const index = variable.buttonIndex ?? Number(variable.name);
  const text = source ? textOf(source, input) : undefined;
  switch (variable.kind) {
    case "payload": {
      const label = buttonsOf(input.template)[index]?.text;
      const payload = text ?? (typeof label === "string" ? label : undefined);
      return payload === undefined ? undefined : { type: "button", subType: "quick_reply", index, payload };
    }
    case "url_suffix":
      return text === undefined ? undefined : { type: "button", subType: "url", index, text: cleanText(text) };
    case "coupon_code":
      return text === undefined ? undefined : { type: "button", subType: "copy_code", index, couponCode: text.trim() };
    case "flow_token":
      return { type: "button", subType: "flow", index, flowToken: text ?? "unused" };
    default:
      return undefined;
  }
}

/**
 * Fills a template for one contact: each variable's value comes from the mapping (contact field, attribute, CSV
 * column, fixed text, media), with the source's fallback when the contact lacks it. Lists every variable left
 * without a value instead of sending a template Meta would refuse.
 */
export function bindTemplate(input: BindInput): BindResult {
  const variables = input.variables ?? variablesOf(input.template);
  const missing: string[] = [];
  const header: SendParameter[] = [];
  const body: SendParameter[] = [];
  const buttons: SendComponent[] = [];
  for (const variable of variables) {
    const source = input.mapping[variable.key];
    if (variable.component === "button") {
      const button = buttonOf(variable, source, input);
      if (button) buttons.push(button);
      else if (!variable.optional) missing.push(variable.key);
      continue;
    }
    const parameter = source ? parameterOf(variable, source, input) : undefined;
    if (parameter === undefined) missing.push(variable.key);
    else (variable.component === "header" ? header : body).push(parameter);
  }
  if (missing.length > 0) return { ok: false, missing };
  const components: SendComponent[] = [
    ...(header.length > 0 ? [{ type: "header" as const, parameters: header }] : []),
    ...(body.length > 0 ? [{ type: "body" as const, parameters: body }] : []),
    ...buttons,
  ];
  const { name, language } = input.template;
  return { ok: true, body: { type: "template", name, language, ...(components.length > 0 ? { components } : {}) } };
}
